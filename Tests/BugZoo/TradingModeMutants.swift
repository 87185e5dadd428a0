@_spi(BugZoo) import TradingChecks
import TradingMachines
import TradingModels
import TradingVocabulary

/// Deliberately broken variants of the production trading mode.
public enum TradingModeMutants {
    /// Production whose machine never bounds its history: every mode change is kept.
    public static func historyUnbounded() -> TradingModeSystem { TradingModeSystem(machineHistoryLimit: .max) }

    /// A restart that resumes LIVE_ACTIVE: the persisted live state is restored as it was.
    public struct RestartResumesLive: SystemUnderTest {
        public init() {}
        var inner = TradingModeSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: TradingModeCommand) throws -> TradingModeCommandOutcome {
            let wasLive = inner.machine.state == .liveActive
            let outcome = try inner.apply(command)
            guard command == .restart, wasLive else { return outcome }
            _ = try inner.apply(.goLive(confirmed: true))
            return .restarted(nil)
        }
        public var observation: TradingModeObservation { inner.observation }
    }

    /// Entering EMERGENCY_HALT leaves LIVE_ACTIVE running: the halt flag is set, the mode kept.
    public struct HaltKeepsLive: SystemUnderTest {
        public init() {}
        var inner = TradingModeSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        var keptLive = false
        public mutating func apply(_ command: TradingModeCommand) throws -> TradingModeCommandOutcome {
            let wasLive = inner.machine.state == .liveActive
            let outcome = try inner.apply(command)
            if command == .setHalted(true), wasLive {
                keptLive = true
                return .mode(.unchanged)
            }
            if case .mode(.transitioned) = outcome { keptLive = false }
            return outcome
        }
        public var observation: TradingModeObservation {
            var observation = inner.observation
            if keptLive {
                observation.state = .liveActive
                observation.history.removeLast()
                observation.routing = .routed(.exchange)
            }
            return observation
        }
    }
}
