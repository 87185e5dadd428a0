/// The classification boundaries of the super-state, as the exact `Double` literals both the
/// production machine and the models compare against.
public enum ConditionThresholds {
    /// volatility < this → normal.
    public static let volatilityCautious: Double = 0.03
    /// volatility < this → cautious.
    public static let volatilityStressed: Double = 0.05
    /// volatility ≤ this → stressed, above → crisis.
    public static let volatilityCrisis: Double = 0.10
    /// drawdown < this → normal.
    public static let drawdownCautious: Double = 0.05
    /// drawdown < this → cautious.
    public static let drawdownStressed: Double = 0.15
    /// drawdown ≤ this → stressed, above → crisis.
    public static let drawdownCrisis: Double = 0.30
    /// liquidity below this → at least stressed.
    public static let liquidityStressed: Double = 0.2
    /// Confirming updates RECOVERY needs before it leaves.
    public static let recoveryConfirmations: Int = 3
}
