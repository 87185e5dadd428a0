/// The library's historical crashes.
extension ScenarioLibrary {
    /// A scenario whose phases must be valid: the library's entries are fixed values.
    static func scenario(
        _ kind: CrashKind, _ phases: [CrashPhase], symbols: [String], model: PriceModelSpec,
        interval: SimDuration, startPrice: Double, baseSpreadBps: Double = 2
    ) -> CrashScenario {
        CrashScenario(
            kind: kind, phases: phases, symbols: symbols, model: model, interval: interval,
            startPrice: startPrice, baseSpreadBps: baseSpreadBps)
    }

    static let flashCrash2010 = LibraryScenario(
        name: "flash-crash-2010", title: "2010-05-06 index flash crash (E-mini S&P 500)",
        source: "CFTC-SEC, Findings Regarding the Market Events of May 6, 2010 (2010-09-30); Kirilenko, Kyle, Samadi, Tuzun, The Flash Crash (2017)",
        scenario: scenario(
            .flashCrash,
            [
                CrashPhase("calm", duration: .minutes(10)),
                CrashPhase(
                    "decline", duration: .minutes(4), move: -0.03,
                    conditions: MarketConditions(
                        volatilityMultiplier: 3, liquidity: 0.1, spreadMultiplier: 3, volumeMultiplier: 5,
                        partialFillProbability: 0.4, latencyMultiplier: 5)),
                CrashPhase(
                    "plunge", duration: .seconds(15), move: -0.017,
                    conditions: MarketConditions(
                        volatilityMultiplier: 10, liquidity: 0.005, spreadMultiplier: 10, volumeMultiplier: 10,
                        partialFillProbability: 0.85, rejectProbability: 0.1, latencyMultiplier: 20)),
                CrashPhase(
                    "pause", duration: .seconds(5),
                    conditions: MarketConditions(
                        volatilityMultiplier: 1, liquidity: 0.005, spreadMultiplier: 10, volumeMultiplier: 0.01,
                        venueOutage: true)),
                CrashPhase(
                    "rebound", duration: .minutes(20), move: 0.039,
                    conditions: MarketConditions(
                        volatilityMultiplier: 3, liquidity: 0.3, spreadMultiplier: 2, volumeMultiplier: 3,
                        partialFillProbability: 0.2)),
                CrashPhase("calm", duration: .minutes(10)),
            ], symbols: ["ES"], model: .gbm(drift: 0, volatility: 0.2), interval: .seconds(1), startPrice: 1150, baseSpreadBps: 2),
        seed: 20_100_506,
        calibration: [
            CalibrationTarget(.phaseMove("decline"), -0.04 ... -0.02, "E-mini −3% in about 4 minutes"),
            CalibrationTarget(.phaseMove("plunge"), -0.025 ... -0.01, "then −1.7% in 15 seconds"),
            CalibrationTarget(.maxDrawdown, 0.04...0.055, "about −5% at the trough"),
            CalibrationTarget(.phaseMedianLiquidity("plunge"), 0.003...0.005, "top-of-book depth below 1% of the morning's"),
            CalibrationTarget(.outagePhases, 1...1, "a 5-second pause at the trough (CME Stop Logic)"),
            CalibrationTarget(.retracedWithin(.minutes(20)), 0.6...1.2, "most of the drop retraced within about 20 minutes"),
        ])

    static let btc20210519 = LibraryScenario(
        name: "btc-2021-05-19", title: "BTC 2021-05-19 sell-off",
        source:
            "Exchange data for 2021-05-19 (BTC about −30% intraday, record spot and derivatives volume, order-book depth sharply reduced), e.g. Kaiko and Glassnode reports of May 2021",
        scenario: scenario(
            .gradualDecline,
            [
                CrashPhase("calm", duration: .hours(2)),
                CrashPhase(
                    "selloff", duration: .hours(3), move: -0.30,
                    conditions: MarketConditions(
                        volatilityMultiplier: 2, liquidity: 0.2, spreadMultiplier: 5, volumeMultiplier: 8,
                        partialFillProbability: 0.5, rejectProbability: 0.05, latencyMultiplier: 10)),
                CrashPhase(
                    "trough", duration: .minutes(15),
                    conditions: MarketConditions(volatilityMultiplier: 4, liquidity: 0.2, spreadMultiplier: 5, volumeMultiplier: 8)),
                CrashPhase(
                    "rebound", duration: .hours(6), move: 0.20,
                    conditions: MarketConditions(volatilityMultiplier: 2, liquidity: 0.5, spreadMultiplier: 2, volumeMultiplier: 3)),
                CrashPhase("calm", duration: .hours(2)),
            ], symbols: ["BTC-USD"], model: .gbm(drift: 0, volatility: 0.8), interval: .minutes(1), startPrice: 43_000),
        seed: 20_210_519,
        calibration: [
            CalibrationTarget(.maxDrawdown, 0.22...0.38, "about −30% intraday"),
            CalibrationTarget(.peakVolumeRatio, 5...100, "record volume"),
            CalibrationTarget(.phaseMedianLiquidity("selloff"), 0.15...0.2, "order-book depth sharply reduced"),
        ])

    static let btc20200312 = LibraryScenario(
        name: "btc-2020-03-12", title: "BTC 2020-03-12 (\"Black Thursday\")",
        source:
            "Exchange data for 2020-03-12/13: BTC about −40% over the day in two legs; spreads from single-digit basis points to hundreds, up to about 1,000 bps on one venue (Kaiko, March 2020 research notes)",
        scenario: scenario(
            .blackSwan,
            [
                CrashPhase("calm", duration: .hours(1)),
                CrashPhase(
                    "first leg", duration: .hours(6), move: -0.25,
                    conditions: MarketConditions(
                        volatilityMultiplier: 1.5, liquidity: 0.3, spreadMultiplier: 15, volumeMultiplier: 4,
                        partialFillProbability: 0.4, latencyMultiplier: 5)),
                CrashPhase(
                    "pause", duration: .hours(4),
                    conditions: MarketConditions(volatilityMultiplier: 1.2, liquidity: 0.4, spreadMultiplier: 8, volumeMultiplier: 2)),
                CrashPhase(
                    "second leg", duration: .hours(3), move: -0.20,
                    conditions: MarketConditions(
                        volatilityMultiplier: 2, liquidity: 0.1, spreadMultiplier: 60, volumeMultiplier: 8,
                        partialFillProbability: 0.85, rejectProbability: 0.2, latencyMultiplier: 20)),
                CrashPhase(
                    "trough", duration: .hours(1),
                    conditions: MarketConditions(volatilityMultiplier: 3, liquidity: 0.15, spreadMultiplier: 30, volumeMultiplier: 4)),
                CrashPhase(
                    "rebound", duration: .hours(4), move: 0.10,
                    conditions: MarketConditions(volatilityMultiplier: 2, liquidity: 0.4, spreadMultiplier: 5, volumeMultiplier: 2)),
            ], symbols: ["BTC-USD"], model: .gbm(drift: 0, volatility: 0.8), interval: .minutes(1), startPrice: 7900, baseSpreadBps: 4),
        seed: 20_200_312,
        calibration: [
            CalibrationTarget(.maxDrawdown, 0.32...0.48, "about −40% over the day"),
            CalibrationTarget(.phaseMove("first leg"), -0.33 ... -0.17, "first leg"),
            CalibrationTarget(.phaseMove("second leg"), -0.3 ... -0.1, "second leg"),
            CalibrationTarget(.minSpreadBps, 0...9.99, "spreads of single-digit basis points before"),
            CalibrationTarget(.maxSpreadBps, 300...1100, "hundreds of bps, up to about 1,000 bps on one venue"),
        ])

    static let ethKraken20210222 = LibraryScenario(
        name: "eth-kraken-2021-02-22", title: "ETH liquidity collapse on one venue (Kraken, 2021-02-22)",
        source:
            "Kraken ETH/USD on 2021-02-22: about −50% within minutes on that venue while others fell far less, about 76% of trades sells (Kaiko market-structure note on the event)",
        scenario: scenario(
            .liquidityCrisis,
            [
                CrashPhase("calm", duration: .minutes(10)),
                CrashPhase(
                    "collapse", duration: .minutes(5), move: -0.50,
                    conditions: MarketConditions(
                        volatilityMultiplier: 15, liquidity: 0.05, spreadMultiplier: 20, volumeMultiplier: 10,
                        partialFillProbability: 0.85, rejectProbability: 0.1, latencyMultiplier: 10)),
                CrashPhase(
                    "trough", duration: .minutes(1),
                    conditions: MarketConditions(volatilityMultiplier: 10, liquidity: 0.05, spreadMultiplier: 20, volumeMultiplier: 5)),
                CrashPhase(
                    "rebound", duration: .minutes(15), move: 0.8,
                    conditions: MarketConditions(volatilityMultiplier: 5, liquidity: 0.3, spreadMultiplier: 5, volumeMultiplier: 4)),
                CrashPhase("calm", duration: .minutes(10)),
            ], symbols: ["ETH-USD"], model: .gbm(drift: 0, volatility: 0.9), interval: .seconds(1), startPrice: 1800),
        seed: 20_210_222,
        calibration: [
            CalibrationTarget(.maxDrawdown, 0.42...0.58, "about −50%"),
            CalibrationTarget(.troughAfterPhaseStartSeconds("collapse"), 0...600, "within minutes"),
            CalibrationTarget(.downVolumeShare, 0.65...0.9, "about 76% of trades sells"),
            CalibrationTarget(.phaseMedianLiquidity("collapse"), 0.035...0.05, "the venue's book emptied"),
        ])

    static let gdaxEth20170621 = LibraryScenario(
        name: "gdax-eth-2017-06-21", title: "GDAX ETH-USD flash crash (2017-06-21)",
        source:
            "Coinbase/GDAX incident report of 2017-06-21: ETH-USD from about $317.81 to $0.10 within seconds after a multimillion-dollar market sell order cascaded through stops, then an immediate rebound",
        scenario: scenario(
            .flashCrash,
            [
                CrashPhase("calm", duration: .minutes(5)),
                CrashPhase(
                    "cascade", duration: .seconds(10), move: -0.9997,
                    conditions: MarketConditions(
                        volatilityMultiplier: 10, liquidity: 0.001, spreadMultiplier: 200, volumeMultiplier: 50,
                        partialFillProbability: 0.85, rejectProbability: 0.2, latencyMultiplier: 50)),
                CrashPhase(
                    "trough", duration: .seconds(2),
                    conditions: MarketConditions(volatilityMultiplier: 1, liquidity: 0.001, spreadMultiplier: 200, volumeMultiplier: 10)),
                CrashPhase(
                    "rebound", duration: .seconds(10), move: 3000,
                    conditions: MarketConditions(volatilityMultiplier: 10, liquidity: 0.2, spreadMultiplier: 20, volumeMultiplier: 10)),
                CrashPhase("calm", duration: .minutes(5)),
            ], symbols: ["ETH-USD"], model: .gbm(drift: 0, volatility: 0.9), interval: .seconds(1), startPrice: 317.81),
        seed: 20_170_621,
        calibration: [
            CalibrationTarget(.maxDrawdown, 0.999...1, "−99.97% ($317.81 → $0.10)"),
            CalibrationTarget(.troughAfterPhaseStartSeconds("cascade"), 0...15, "within seconds"),
            CalibrationTarget(.retracedWithin(.minutes(1)), 0.85...1.2, "immediate rebound"),
        ])
}
