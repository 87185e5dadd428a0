extension PortfolioState {
    /// The row of the limits table in force in this state (`machines.md` §3).
    @inlinable
    public var limits: SuperStateLimits {
        switch self {
        case .normal:
            SuperStateLimits(maxPosition: 1500, utilization: 8500, allowsNewPositions: true, riskMultiplier: 10_000)
        case .cautious:
            SuperStateLimits(maxPosition: 1200, utilization: 7500, allowsNewPositions: true, riskMultiplier: 8000)
        case .stressed:
            SuperStateLimits(maxPosition: 800, utilization: 6000, allowsNewPositions: false, riskMultiplier: 5000)
        case .crisis:
            SuperStateLimits(maxPosition: 500, utilization: 3000, allowsNewPositions: false, riskMultiplier: 2500)
        case .recovery:
            SuperStateLimits(maxPosition: 1000, utilization: 7000, allowsNewPositions: true, riskMultiplier: 7000)
        case .emergencyHalt:
            SuperStateLimits(maxPosition: 0, utilization: 0, allowsNewPositions: false, riskMultiplier: 0)
        }
    }
}
