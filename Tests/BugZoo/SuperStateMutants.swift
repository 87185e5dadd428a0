@_spi(BugZoo) import TradingChecks
@_spi(BugZoo) import TradingMachines
import TradingModels
import TradingVocabulary

/// Deliberately broken variants of the production super-state. Each reports what the broken
/// machine would: the transition it would make, and the state it would then be in.
public enum SuperStateMutants {
    /// Production whose state store writes the file in place, without a temporary file and a
    /// rename: a save that stops midway leaves the file torn or missing.
    public static func nonAtomicWrite() -> SuperStateSystem {
        SuperStateSystem { StateStore(path: $0, fileSystem: $1, mutation: .inPlace) }
    }

    /// Production whose machine never bounds its history: every state change is kept.
    public static func historyUnbounded() -> SuperStateSystem { SuperStateSystem(machineHistoryLimit: .max) }

    /// Production whose state store reports success whatever a step of the write did.
    public static func failedSaveSwallowed() -> SuperStateSystem {
        SuperStateSystem { StateStore(path: $0, fileSystem: $1, mutation: .swallowsErrors) }
    }

    /// CRISIS → NORMAL allowed directly: a normal classification out of CRISIS skips RECOVERY.
    public struct CrisisToNormal: SystemUnderTest {
        public init() {}
        var inner = SuperStateSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        var skipped: SuperStateTransition?
        public mutating func apply(_ command: SuperStateCommand) throws -> SuperStateOutcome {
            let outcome = try inner.apply(command)
            guard case .updated(.normal, let transition?) = outcome, transition.from == .crisis, transition.to == .recovery else { return outcome }
            let broken = SuperStateTransition(from: .crisis, to: .normal, cause: transition.cause)
            skipped = broken
            return .updated(classification: .normal, transition: broken)
        }
        public var observation: SuperStateObservation {
            var observation = inner.observation
            if let skipped, observation.history.last?.from == .crisis {
                observation.history[observation.history.count - 1] = skipped
                observation.state = .normal
                observation.limits = PortfolioState.normal.limits
                observation.riskMultiplier = PortfolioState.normal.limits.riskMultiplier
                observation.confirmations = 0
            }
            return observation
        }
    }

    /// RECOVERY leaves after 2 confirming updates instead of 3: the update that *enters*
    /// RECOVERY from CRISIS is counted as the first confirmation (machines.md: it must not be).
    public struct RecoveryAfterTwo: SystemUnderTest {
        public init() {}
        var inner = SuperStateSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        var enteredByUpdate = false
        var left: SuperStateTransition?
        public mutating func apply(_ command: SuperStateCommand) throws -> SuperStateOutcome {
            let before = inner.observation
            let outcome = try inner.apply(command)
            if case .updated(_, let transition?) = outcome, transition.to == .recovery { enteredByUpdate = true }
            if case .transition(let transition?) = outcome, transition.to == .recovery { enteredByUpdate = false }
            guard enteredByUpdate, case .updated(let classification, nil) = outcome, before.state == .recovery,
                inner.observation.confirmations == 2, classification == .normal || classification == .cautious
            else { return outcome }
            let broken = SuperStateTransition(from: .recovery, to: classification, cause: .update(classification))
            left = broken
            return .updated(classification: classification, transition: broken)
        }
        public var observation: SuperStateObservation {
            var observation = inner.observation
            if let left, observation.state == .recovery, observation.confirmations == 2 {
                observation.history.append(left)
                observation.state = left.to
                observation.limits = left.to.limits
                observation.riskMultiplier = left.to.limits.riskMultiplier
                observation.confirmations = 0
            }
            return observation
        }
    }

    /// `canOpen` forgets that STRESSED allows no new positions.
    public struct OpensWhileStressed: SystemUnderTest {
        public init() {}
        var inner = SuperStateSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: SuperStateCommand) throws -> SuperStateOutcome {
            let outcome = try inner.apply(command)
            if case .decision(.rejected(.newPositionsNotAllowed(.stressed))) = outcome { return .decision(.accepted) }
            return outcome
        }
        public var observation: SuperStateObservation { inner.observation }
    }

    /// The utilization limit compared with `<` instead of `≤`: an order that brings
    /// deployed + size exactly onto the limit is rejected, though equal is allowed.
    public struct UtilizationExclusive: SystemUnderTest {
        public init() {}
        var inner = SuperStateSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: SuperStateCommand) throws -> SuperStateOutcome {
            let outcome = try inner.apply(command)
            guard case .canOpen(let size, let deployed, let value) = command, outcome == .decision(.accepted) else { return outcome }
            let limit = inner.observation.limits.utilization.value
            if (Int128(deployed.value) + Int128(size.value)) * 10_000 == Int128(limit) * Int128(value.value) {
                return .decision(.rejected(.exceedsUtilization))
            }
            return outcome
        }
        public var observation: SuperStateObservation { inner.observation }
    }

    /// The max position compared with `<` instead of `≤`: a size exactly on the limit is rejected.
    public struct MaxPositionExclusive: SystemUnderTest {
        public init() {}
        var inner = SuperStateSystem()
        /// The wrapped system's state files go with it.
        public mutating func tearDown() { inner.tearDown() }
        public mutating func apply(_ command: SuperStateCommand) throws -> SuperStateOutcome {
            let outcome = try inner.apply(command)
            guard case .canOpen(let size, _, let value) = command, outcome == .decision(.accepted) else { return outcome }
            if Int128(size.value) * 10_000 == Int128(inner.observation.limits.maxPosition.value) * Int128(value.value) {
                return .decision(.rejected(.exceedsMaxPosition))
            }
            return outcome
        }
        public var observation: SuperStateObservation { inner.observation }
    }
}
