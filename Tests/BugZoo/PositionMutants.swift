import TradingChecks
import TradingMachines
import TradingModels
import TradingVocabulary

/// Deliberately broken variants of production position management. Each wraps the production
/// adapter and changes one decision, the way the bug would have changed it.
public enum PositionMutants {
    /// The original bug: "DRAIN MODE ACTIVE" at exactly the position cap. The state is computed
    /// with `excess >= 0` instead of `excess > 0`, so at count == cap the machine reports DRAIN
    /// and refuses new entries as draining.
    public struct DrainAtExcessZero: SystemUnderTest {
        public init() {}
        var inner = PositionSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: PositionCommand) -> PositionOutcome {
            if case .open = command, inner.machine.state == .normal, inner.machine.excess == 0 {
                return .decision(.rejected(.draining))
            }
            return inner.apply(command)
        }
        public var observation: PositionObservation {
            var observation = inner.observation
            if observation.state == .normal && observation.excess == 0 { observation.state = .drain }
            return observation
        }
    }

    /// `cycle()` in DRAIN closes the positions with the *highest* PnL first.
    public struct DrainClosesWinnersFirst: SystemUnderTest {
        public init() {}
        var inner = PositionSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: PositionCommand) -> PositionOutcome {
            guard command == .cycle, inner.machine.state == .drain else { return inner.apply(command) }
            let ranked = inner.machine.positions.sorted { ($0.unrealizedPnL.value, $0.entry) > ($1.unrealizedPnL.value, $1.entry) }
            return .orders(ranked.prefix(inner.machine.excess).map { ExitOrder(symbol: $0.symbol, reason: .drain) })
        }
        public var observation: PositionObservation { inner.observation }
    }

    /// `open` checks only `count < cap`, forgetting that FORCED_UNWIND refuses every entry.
    public struct OpenDuringForcedUnwind: SystemUnderTest {
        public init() {}
        var inner = PositionSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: PositionCommand) -> PositionOutcome {
            guard case .open(let symbol) = command, inner.machine.state == .forcedUnwind,
                inner.machine.count < inner.machine.cap, !inner.machine.holds(symbol)
            else { return inner.apply(command) }
            _ = inner.apply(.setForcedUnwind(false))
            let outcome = inner.apply(command)
            _ = inner.apply(.setForcedUnwind(true))
            return outcome
        }
        public var observation: PositionObservation { inner.observation }
    }
}
