/// The library's stylized stress scenarios: regimes and venue faults rather than one dated event.
extension ScenarioLibrary {
    static let solVolatilityExplosion = LibraryScenario(
        name: "sol-volatility-explosion", title: "SOL volatility explosion",
        source: "SOL-USD episodes of 2021–2022 in which realized volatility rose about tenfold for hours with no net trend (exchange minute data)",
        scenario: scenario(
            .liquidityCrisis,
            [
                CrashPhase("calm", duration: .hours(4)),
                CrashPhase(
                    "explosion", duration: .hours(6),
                    conditions: MarketConditions(
                        volatilityMultiplier: 10, liquidity: 0.6, spreadMultiplier: 3, volumeMultiplier: 3,
                        partialFillProbability: 0.2)),
                CrashPhase("calm", duration: .hours(4)),
            ], symbols: ["SOL-USD"], model: .gbm(drift: 0.5, volatility: 1.0), interval: .minutes(1), startPrice: 150),
        seed: 2022,
        calibration: [
            CalibrationTarget(.volatilityRatio("explosion"), 8.5...11.5, "volatility ×10"),
            CalibrationTarget(.trendTStatistic("explosion"), -3...3, "no net trend"),
        ])

    static let liquidityDrain = LibraryScenario(
        name: "liquidity-drain", title: "Liquidity drain: spreads ×28, depth −98.8%",
        source:
            "Order-book studies of crypto crashes: the spread for size widening about 28× (2 → 56 bps) and the depth within 0.1% of mid falling 98.8% (Kaiko liquidity reports)",
        scenario: scenario(
            .liquidityCrisis,
            [
                CrashPhase("calm", duration: .hours(1)),
                CrashPhase(
                    "drain", duration: .hours(2), move: -0.05,
                    conditions: MarketConditions(
                        volatilityMultiplier: 2, liquidity: 0.012, spreadMultiplier: 28, volumeMultiplier: 0.5,
                        partialFillProbability: 0.85, rejectProbability: 0.05, latencyMultiplier: 3)),
                CrashPhase(
                    "refill", duration: .hours(1), move: 0.02,
                    conditions: MarketConditions(volatilityMultiplier: 1.5, liquidity: 0.3, spreadMultiplier: 5, volumeMultiplier: 0.8)),
                CrashPhase("calm", duration: .hours(1)),
            ], symbols: ["BTC-USD"], model: .gbm(drift: 0, volatility: 0.6), interval: .minutes(1), startPrice: 30_000),
        seed: 28,
        calibration: [
            CalibrationTarget(.phaseSpreadMultiple("drain"), 25...31, "spread ×28"),
            CalibrationTarget(.phaseMedianSpreadBps("drain"), 50...75, "2 → 56 bps for size"),
            CalibrationTarget(.phaseMedianLiquidity("drain"), 0.005...0.0125, "0.1% depth −98.8%"),
        ])

    static let executionCrisis = LibraryScenario(
        name: "execution-crisis", title: "Execution crisis: reject storms, partial fills, latency spikes, an outage",
        source:
            "Venue behaviour in crypto crashes (2020-03-12, 2021-05-19): order rejects in storms, fills partial for most orders, API latency ×100, venues unreachable for minutes",
        scenario: scenario(
            .liquidityCrisis,
            [
                CrashPhase("calm", duration: .minutes(30)),
                CrashPhase(
                    "storm", duration: .hours(1), move: -0.05,
                    conditions: MarketConditions(
                        volatilityMultiplier: 3, liquidity: 0.4, spreadMultiplier: 4, volumeMultiplier: 3,
                        partialFillProbability: 0.85, rejectProbability: 0.4, latencyMultiplier: 100)),
                CrashPhase(
                    "outage", duration: .minutes(10), move: -0.02,
                    conditions: MarketConditions(
                        volatilityMultiplier: 3, liquidity: 0.3, spreadMultiplier: 4, volumeMultiplier: 2,
                        partialFillProbability: 0.85, rejectProbability: 1, latencyMultiplier: 100,
                        venueOutage: true)),
                CrashPhase(
                    "aftermath", duration: .hours(1),
                    conditions: MarketConditions(
                        volatilityMultiplier: 2, liquidity: 0.6, spreadMultiplier: 2, volumeMultiplier: 2,
                        partialFillProbability: 0.5, rejectProbability: 0.1, latencyMultiplier: 10)),
                CrashPhase("calm", duration: .minutes(30)),
            ], symbols: ["BTC-USD", "ETH-USD"], model: .gbm(drift: 0, volatility: 0.8), interval: .minutes(1), startPrice: 30_000),
        seed: 100,
        calibration: [
            CalibrationTarget(.maxPartialFillProbability, 0.85...0.85, "partial fills 85%"),
            CalibrationTarget(.maxLatencyMultiplier, 100...100, "latency spikes ×100"),
            CalibrationTarget(.maxRejectProbability, 0.3...1, "reject storms"),
            CalibrationTarget(.outagePhases, 1...1, "one outage"),
        ])

    static let blackSwanCombo = LibraryScenario(
        name: "black-swan-combo", title: "Black swan combination: −60%, volatility ×15, spreads ×25, liquidity −90%, an outage",
        source: "The crash simulator's black-swan kind (simulation.md §2) with a venue outage at the trough",
        scenario: scenario(
            .blackSwan,
            [
                CrashPhase("calm", duration: .hours(3)),
                CrashPhase(
                    "crash", duration: .hours(2), move: -0.60,
                    conditions: MarketConditions(
                        volatilityMultiplier: 15, liquidity: 0.1, spreadMultiplier: 25, volumeMultiplier: 10,
                        partialFillProbability: 0.85, rejectProbability: 0.2, latencyMultiplier: 20)),
                CrashPhase(
                    "outage", duration: .minutes(15),
                    conditions: MarketConditions(
                        volatilityMultiplier: 15, liquidity: 0.1, spreadMultiplier: 25, volumeMultiplier: 5,
                        partialFillProbability: 0.85, rejectProbability: 1, latencyMultiplier: 20,
                        venueOutage: true)),
                CrashPhase(
                    "recovery", duration: .hours(4), move: 0.375,
                    conditions: MarketConditions(
                        volatilityMultiplier: 5, liquidity: 0.4, spreadMultiplier: 5, volumeMultiplier: 4,
                        partialFillProbability: 0.3)),
                CrashPhase("calm", duration: .hours(1)),
            ], symbols: ["BTC-USD", "ETH-USD", "SOL-USD"], model: .gbm(drift: 0, volatility: 0.35), interval: .minutes(1), startPrice: 30_000),
        seed: 60,
        calibration: [
            CalibrationTarget(.maxDrawdown, 0.5...0.7, "−60%"),
            CalibrationTarget(.volatilityRatio("crash"), 11.5...18.5, "volatility ×15"),
            CalibrationTarget(.phaseSpreadMultiple("crash"), 22...28, "spreads ×25"),
            CalibrationTarget(.phaseMedianLiquidity("crash"), 0.07...0.1, "liquidity −90%"),
            CalibrationTarget(.outagePhases, 1...1, "one venue outage"),
        ])

    static let modelFailure: LibraryScenario = {
        var market = scenario(
            .gradualDecline,
            [
                CrashPhase("calm", duration: .hours(2)),
                CrashPhase(
                    "regime change", duration: .hours(3), move: -0.15,
                    conditions: MarketConditions(volatilityMultiplier: 2, liquidity: 0.7, spreadMultiplier: 2, volumeMultiplier: 2)),
                CrashPhase(
                    "stale model", duration: .hours(2), move: 0.05,
                    conditions: MarketConditions(volatilityMultiplier: 1.5, liquidity: 0.8, spreadMultiplier: 1.5)),
                CrashPhase("calm", duration: .hours(2)),
            ], symbols: ["BTC-USD"], model: .gbm(drift: 0, volatility: 0.8), interval: .minutes(1), startPrice: 30_000)
        market.signalFaults = [SignalFault(.inverted, during: "regime change"), SignalFault(.frozen, during: "stale model")]
        return LibraryScenario(
            name: "model-failure", title: "Model failure: the strategy's signal inverted, then frozen",
            source:
                "Strategy failures in regime changes (e.g. momentum crashes, Daniel & Moskowitz 2016): the signal points the wrong way, then stops updating",
            scenario: market, seed: 7,
            calibration: [
                CalibrationTarget(.signalFaults, 2...2, "an inverted and a frozen window"),
                CalibrationTarget(.phaseMove("regime change"), -0.25 ... -0.05, "the regime change the model misses"),
            ])
    }()
}

/// The library's scenarios built with transformers.
extension ScenarioLibrary {
    /// A library value that must be valid; a refusal is a programmer error in the library.
    static func valid<T>(_ make: () throws(ParameterError) -> T) -> T {
        do { return try make() } catch { preconditionFailure("invalid library scenario: \(error)") }
    }

    static let dataCorruptionShock: LibraryScenario = {
        var market = scenario(
            .liquidityCrisis, [CrashPhase("calm", duration: .hours(24))], symbols: ["BTC-USD"],
            model: .gbm(drift: 0, volatility: 0.8), interval: .minutes(1), startPrice: 30_000)
        market.transformers = [.dataCorruption(valid { () throws(ParameterError) in try DataCorruption(share: 0.125) })]
        return LibraryScenario(
            name: "data-corruption-shock", title: "Data corruption shock: 10% of bars broken, every kind",
            source:
                "Feed failures seen in live trading: NaN fields, spikes, duplicated and out-of-order timestamps, gaps, zero or negative prices, high below low, zero volume (simulation.md §3)",
            scenario: market, seed: 10,
            calibration: [
                CalibrationTarget(.corruptedShare, 0.075...0.125, "10% of bars corrupted"),
                CalibrationTarget(.corruptionKinds, 8...8, "all kinds"),
            ])
    }()

    static let mixedRegimeChaos: LibraryScenario = {
        var market = scenario(
            .blackSwan,
            [
                CrashPhase("calm", duration: .hours(3)),
                CrashPhase(
                    "crash", duration: .hours(1), move: -0.25,
                    conditions: MarketConditions(
                        volatilityMultiplier: 6, liquidity: 0.2, spreadMultiplier: 8, volumeMultiplier: 6,
                        partialFillProbability: 0.6, rejectProbability: 0.1, latencyMultiplier: 10)),
                CrashPhase(
                    "recovery", duration: .hours(2), move: 0.2,
                    conditions: MarketConditions(volatilityMultiplier: 3, liquidity: 0.5, spreadMultiplier: 3, volumeMultiplier: 3)),
                CrashPhase(
                    "breakdown", duration: .hours(3),
                    conditions: MarketConditions(volatilityMultiplier: 2, liquidity: 0.7, spreadMultiplier: 2, volumeMultiplier: 2)),
            ], symbols: ["BTC-USD", "ETH-USD", "SOL-USD"], model: .gbm(drift: 0, volatility: 0.7), interval: .minutes(1), startPrice: 30_000)
        let breakdownStart = 6 * 60
        market.transformers = [
            .correlationBreakdown(
                valid { () throws(ParameterError) in
                    try CorrelationBreakdown(method: .flip(seriesIndices: [1]), startBar: breakdownStart, durationBars: 3 * 60)
                })
        ]
        return LibraryScenario(
            name: "mixed-regime-chaos", title: "Mixed regime chaos: calm → crash → recovery → correlation breakdown",
            source: "Regime sequences of 2020–2022 crypto markets: a crash, a relief rally, then assets that moved together moving apart (simulation.md §5)",
            scenario: market, seed: 77,
            calibration: [
                CalibrationTarget(.phaseCorrelation("calm"), 0.55...0.85, "correlated in calm markets (0.7)"),
                CalibrationTarget(.maxDrawdown, 0.15...0.35, "the crash"),
                CalibrationTarget(.phaseCorrelation("breakdown"), -0.85 ... -0.55, "the correlation flips in the breakdown"),
            ])
    }()
}
