@_spi(BugZoo) import TradingChecks
@_spi(BugZoo) import TradingMachines
import TradingModels
import TradingVocabulary

/// Deliberately broken variants of the production risk stack.
public enum RiskStackMutants {
    /// The stack's super-state file written in place (no temporary file, no rename): a save
    /// that stops midway leaves the file torn, and the restart cannot come back from it.
    public static func nonAtomicWrite() throws -> RiskStackSystem {
        try RiskStackSystem { StateStore(path: $0, fileSystem: $1, mutation: .inPlace) }
    }

    /// A rejected order still books its sector exposure: the amount is added to the sector caps
    /// before the other layers have had their say, and not taken back.
    public struct RejectionBooksExposure: SystemUnderTest {
        public init() throws { inner = try RiskStackSystem() }
        var inner: RiskStackSystem
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        var booked: [Sector: Int64] = [:]
        public mutating func apply(_ command: RiskStackCommand) throws -> RiskStackOutcome {
            let outcome = try inner.apply(command)
            if case .submit(let symbol, let amount) = command, amount.value > 0, case .decision(.rejected) = outcome {
                booked[inner.stack.sectorCaps.sector(for: symbol), default: 0] += amount.value
            }
            if command == .restart { booked = [:] }
            return outcome
        }
        public var observation: RiskStackObservation {
            var observation = inner.observation
            for (sector, amount) in booked {
                let current = observation.sectorCaps.sectors[sector].exposure.value
                observation.sectorCaps.sectors[sector].exposure = Cents(current + amount)
            }
            return observation
        }
    }
}
