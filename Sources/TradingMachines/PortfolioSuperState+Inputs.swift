import TradingVocabulary

extension PortfolioSuperState {
    /// Classifies market conditions and moves the state by the transition rules.
    ///
    /// - Parameters:
    ///   - volatility: a fraction ≥ 0, finite.
    ///   - drawdown: a fraction in 0…1.
    ///   - liquidity: a score in 0…1.
    /// - Throws: `.invalidCondition` for NaN, infinite or out-of-range values; nothing changes.
    @discardableResult
    public mutating func update(volatility: Double, drawdown: Double, liquidity: Double) throws(SuperStateError) -> SuperStateUpdate {
        defer { checkInvariantsIfEnabled() }
        let c = try Self.classify(volatility: volatility, drawdown: drawdown, liquidity: liquidity)
        lastClassification = c
        let next: PortfolioState?
        switch state {
        case .normal, .cautious, .stressed:
            next = c == state ? nil : c
        case .crisis:
            next = c == .crisis ? nil : .recovery
        case .recovery:
            if c == .crisis || c == .stressed {
                next = c
            } else if confirmations + 1 >= ConditionThresholds.recoveryConfirmations {
                next = c
            } else {
                confirmations += 1
                next = nil
            }
        case .emergencyHalt:
            next = nil
        }
        let transition = next.map { move(to: $0, cause: .update(c)) }
        return SuperStateUpdate(classification: c, transition: transition)
    }

    /// Enters EMERGENCY_HALT from any state.
    ///
    /// - Returns: the transition, or `nil` if already halted (nothing recorded).
    @discardableResult
    public mutating func halt() -> SuperStateTransition? {
        defer { checkInvariantsIfEnabled() }
        guard state != .emergencyHalt else { return nil }
        return move(to: .emergencyHalt, cause: .halt)
    }

    /// Leaves EMERGENCY_HALT: to CRISIS if the latest classification is CRISIS, else RECOVERY.
    ///
    /// - Throws: `.notHalted` outside EMERGENCY_HALT; nothing changes.
    @discardableResult
    public mutating func resume() throws(SuperStateError) -> SuperStateTransition {
        defer { checkInvariantsIfEnabled() }
        guard state == .emergencyHalt else { throw .notHalted(state) }
        return move(to: lastClassification == .crisis ? .crisis : .recovery, cause: .resume)
    }

    /// Whether a new position of `size` may be opened with `deployed` already deployed.
    ///
    /// - Returns: `.accepted`, or `.rejected` with `.newPositionsNotAllowed`, `.exceedsMaxPosition`
    ///   or `.exceedsUtilization` (equal to a limit is allowed).
    /// - Throws: `.nonPositiveSize`, `.negativeDeployed`, `.nonPositivePortfolioValue`.
    public func canOpen(size: Cents, deployed: Cents, portfolioValue: Cents) throws(SuperStateError) -> Decision<SuperStateRejection> {
        guard size.value > 0 else { throw .nonPositiveSize(size) }
        guard deployed.value >= 0 else { throw .negativeDeployed(deployed) }
        guard portfolioValue.value > 0 else { throw .nonPositivePortfolioValue(portfolioValue) }
        return decideOpen(size: size.value, deployed: deployed.value, portfolioValue: portfolioValue.value)
    }

    /// The rules of `canOpen` for validated arguments.
    func decideOpen(size: Int64, deployed: Int64, portfolioValue: Int64) -> Decision<SuperStateRejection> {
        let limits = state.limits
        guard limits.allowsNewPositions else { return .rejected(.newPositionsNotAllowed(state)) }
        guard within(Int128(size), limit: limits.maxPosition, of: portfolioValue) else {
            return .rejected(.exceedsMaxPosition)
        }
        guard within(Int128(deployed) + Int128(size), limit: limits.utilization, of: portfolioValue) else {
            return .rejected(.exceedsUtilization)
        }
        return .accepted
    }
}
