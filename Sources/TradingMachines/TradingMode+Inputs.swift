import TradingVocabulary

extension TradingMode {
    /// OFF → DRY_RUN; rejected from any other mode. Allowed while halted.
    @discardableResult
    public mutating func enableDryRun() -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        guard state == .off else { return .rejected(.notAllowed(.enableDryRun, from: state)) }
        return move(to: .dryRun, cause: .enableDryRun)
    }

    /// DRY_RUN → LIVE_ACTIVE, only if confirmed and not halted.
    ///
    /// Checks in order: the mode (never OFF → LIVE_ACTIVE), the confirmation, the halt.
    @discardableResult
    public mutating func goLive(confirmed: Bool) -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        guard state == .dryRun else { return .rejected(.notAllowed(.goLive, from: state)) }
        guard confirmed else { return .rejected(.notConfirmed) }
        guard !isHalted else { return .rejected(.halted) }
        return move(to: .liveActive, cause: .goLive)
    }

    /// LIVE_ACTIVE → DRY_RUN; rejected from any other mode.
    @discardableResult
    public mutating func pause() -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        guard state == .liveActive else { return .rejected(.notAllowed(.pause, from: state)) }
        return move(to: .dryRun, cause: .pause)
    }

    /// Any mode → OFF; from OFF nothing happens (`.unchanged`, not a rejection).
    @discardableResult
    public mutating func stop() -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        guard state != .off else { return .unchanged }
        return move(to: .off, cause: .stop)
    }

    /// Follows the super-state in and out of EMERGENCY_HALT; entering it moves LIVE_ACTIVE to
    /// DRY_RUN. Leaving it never goes live again.
    @discardableResult
    public mutating func setHalted(_ halted: Bool) -> TradingModeOutcome {
        defer { checkInvariantsIfEnabled() }
        isHalted = halted
        guard halted, state == .liveActive else { return .unchanged }
        return move(to: .dryRun, cause: .halt)
    }

    /// Where an order goes: the exchange when live, the simulation in dry run, nowhere when off.
    public func submit() -> RoutingDecision {
        switch state {
        case .liveActive: .routed(.exchange)
        case .dryRun: .routed(.simulation)
        case .off: .rejected(.notAllowed(.submit, from: .off))
        }
    }
}
