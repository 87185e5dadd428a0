/// The named scenarios, each calibrated against published figures (docs/market.md lists the
/// sources). Every entry is a plain value: `ScenarioLibrary.named("flash-crash-2010")?.run()`.
public enum ScenarioLibrary {
    /// Every scenario, in a stable order.
    public static let all: [LibraryScenario] = [
        flashCrash2010, btc20210519, btc20200312, ethKraken20210222, gdaxEth20170621, solVolatilityExplosion,
        liquidityDrain, dataCorruptionShock, executionCrisis, blackSwanCombo, mixedRegimeChaos, modelFailure,
    ]

    /// The scenario called `name`, if there is one.
    public static func named(_ name: String) -> LibraryScenario? { all.first { $0.name == name } }
}
