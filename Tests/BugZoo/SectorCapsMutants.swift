import TradingChecks
import TradingMachines
import TradingModels
import TradingVocabulary

/// Deliberately broken variants of production sector caps.
public enum SectorCapsMutants {
    /// The hard cap is checked against the exposure *before* the new amount is added: any add
    /// into a sector still under its limit is accepted, however large.
    public struct CapCheckedBeforeAdding: SystemUnderTest {
        public init() {}
        var inner = SectorCapsSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: SectorCapsCommand) -> SectorCapsOutcome {
            guard case .add(let symbol, let amount) = command, amount.value > 0, let value = inner.machine.portfolioValue,
                case .decision(.rejected(.sectorHardLimit)) = SectorCapsSystem.peek(inner, command)
            else { return inner.apply(command) }
            let sector = inner.machine.sector(for: symbol)
            let before = Int128(inner.machine.exposure(of: sector).value) * 10_000
            guard before <= Int128(inner.machine.limits(for: sector).hard.value) * Int128(value.value) else { return inner.apply(command) }
            return force(symbol, amount)
        }
        public var observation: SectorCapsObservation { inner.observation }

        /// Books the amount the way the broken check would let it through.
        mutating func force(_ symbol: Symbol, _ amount: Cents) -> SectorCapsOutcome {
            let held = inner.machine.holding(of: symbol)?.value ?? 0
            if held == 0 {
                _ = inner.apply(.adopt(symbol, value: amount))
            } else {
                _ = inner.apply(.markToMarket(symbol, value: Cents(held + amount.value)))
            }
            return .decision(.accepted)
        }
    }

    /// The hard limit is compared with `<` instead of `≤`: an add that lands exactly on the
    /// limit is rejected, though equal is allowed.
    public struct LimitExclusive: SystemUnderTest {
        public init() {}
        var inner = SectorCapsSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: SectorCapsCommand) -> SectorCapsOutcome {
            guard case .add(let symbol, let amount) = command, let value = inner.machine.portfolioValue,
                SectorCapsSystem.peek(inner, command) == .decision(.accepted)
            else { return inner.apply(command) }
            let sector = inner.machine.sector(for: symbol)
            let after = (Int128(inner.machine.exposure(of: sector).value) + Int128(amount.value)) * 10_000
            if after == Int128(inner.machine.limits(for: sector).hard.value) * Int128(value.value) {
                return .decision(.rejected(.sectorHardLimit(sector)))
            }
            return inner.apply(command)
        }
        public var observation: SectorCapsObservation { inner.observation }
    }

    /// `add` without its overflow guard (#9 §1): an add whose totals would pass `Int64.max`
    /// answers accepted instead of throwing `.overflow` (the unchecked `total += delta` of the
    /// bug, which trapped in production; here it is answered and left unbooked, so the check
    /// reports it as a divergence rather than crashing the test process).
    public struct OverflowNotRefused: SystemUnderTest {
        public init() {}
        var inner = SectorCapsSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: SectorCapsCommand) -> SectorCapsOutcome {
            let outcome = inner.apply(command)
            if case .add = command, case .error(.overflow) = outcome { return .decision(.accepted) }
            return outcome
        }
        public var observation: SectorCapsObservation { inner.observation }
    }

    /// An empty sector is reported healthy whatever its limits: the shortcut for a sector with
    /// nothing held, forgetting that a soft limit of 0 puts even an empty sector in warning.
    public struct EmptySectorHealthy: SystemUnderTest {
        public init() {}
        var inner = SectorCapsSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: SectorCapsCommand) -> SectorCapsOutcome { inner.apply(command) }
        public var observation: SectorCapsObservation {
            var observation = inner.observation
            for row in observation.sectors where row.exposure == 0 && row.health == .warning {
                observation.sectors[row.sector].health = .healthy
            }
            let sectors = observation.sectors.map(\.health).max() ?? .healthy
            observation.overallHealth = max(sectors, SectorGroup.allCases.map { observation.health(of: $0) }.max() ?? .healthy)
            return observation
        }
    }

    /// `reduce` lowers the holding but never releases the sector exposure.
    public struct ReduceKeepsExposure: SystemUnderTest {
        public init() {}
        var inner = SectorCapsSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        var kept: [Sector: Int64] = [:]
        public mutating func apply(_ command: SectorCapsCommand) -> SectorCapsOutcome {
            let outcome = inner.apply(command)
            if case .reduce(let symbol, let amount) = command, outcome == .done {
                kept[inner.machine.sector(for: symbol), default: 0] += amount.value
            }
            return outcome
        }
        public var observation: SectorCapsObservation {
            var observation = inner.observation
            for (sector, amount) in kept {
                observation.sectors[sector].exposure = Cents(observation.sectors[sector].exposure.value + amount)
            }
            return observation
        }
    }
}

extension SectorCapsSystem {
    /// What production would answer, without changing it.
    static func peek(_ system: SectorCapsSystem, _ command: SectorCapsCommand) -> SectorCapsOutcome {
        var copy = system
        return copy.apply(command)
    }
}
