import MarketSim
import PropertyCheck
import TradingVocabulary

/// Generators for market scenarios: every price model, crash kind, condition and library scenario,
/// drawn from the engine's choice stream, so that a property can say "for every flash crash
/// between 10% and 60% …" and a failure shrinks to the calmest market that still fails.
///
/// Everything shrinks toward calm: volatility and drift toward 0, conditions toward the calm
/// market, durations toward the fewest bars, drops toward the range's lower bound, and the run's
/// own noise (``run(_:)`` draws it from the same stream) toward none.
///
/// Shrinking finds a local minimum: a Merton market whose jump makes a smaller crash fail cannot
/// drop its jumps without passing. Set `CheckConfiguration.failureSamples` to about 8 for market
/// properties; the smallest of several shrunk failures is then the calm one.
public enum MarketGen {
    /// Price models of every kind: GBM first (the simplest), then GARCH-t and Merton.
    /// Volatility 0…200% a year and drift −100…100% in basis-point steps; GARCH's α and β and
    /// Merton's jumps shrink to none.
    public static let priceModel: Gen<PriceModelSpec> = {
        let kind = Gen.int(in: 0...2)
        let bp = Gen.int(in: 0...20_000)
        let drift = Gen.int(in: -10_000...10_000)
        let percent = Gen.int(in: 0...99)
        let nu = Gen.int(in: 3...30)
        let lambda = Gen.int(in: 0...10_000)
        return Gen { s throws(Rejection) in
            // Every kind draws the same choices (unused ones are ignored), so that lowering the
            // kind does not shift the draws after it: a GARCH or Merton failure can shrink to GBM.
            let k = try s.draw(kind)
            let mu = Double(try s.draw(drift)) / 10_000
            let sigma = Double(try s.draw(bp)) / 10_000
            let alpha = Double(try s.draw(percent)) / 200  // 0 … 0.495
            let beta = Double(try s.draw(percent)) / 100 * (0.999 - alpha)
            let degrees = Double(try s.draw(nu))
            let intensity = Double(try s.draw(lambda))
            let jumpMean = -Double(try s.draw(percent)) / 1000
            let jumpVolatility = Double(try s.draw(percent)) / 1000
            switch k {
            case 0:
                return .gbm(drift: mu, volatility: sigma)
            case 1:
                return .garch(drift: mu, longRunVolatility: max(sigma, 0.0001), alpha: alpha, beta: beta, degreesOfFreedom: degrees)
            default:
                return .merton(drift: mu, volatility: sigma, jumpIntensity: intensity, jumpMean: jumpMean, jumpVolatility: jumpVolatility)
            }
        }
    }()

    /// Conditions anywhere between calm and `worst`, each field drawn on its own (a swarm of fault
    /// mixes rather than one fixed mix); every field shrinks to calm, and an outage happens only
    /// when `worst` allows one.
    public static func conditions(upTo worst: MarketConditions) -> Gen<MarketConditions> {
        let step = Gen.int(in: 0...100)
        let outage = Gen.bool(probability: 0.2)
        return Gen { s throws(Rejection) in
            func toward(_ calm: Double, _ bad: Double, _ f: Int) -> Double { calm + (bad - calm) * Double(f) / 100 }
            var c = MarketConditions.calm
            c.volatilityMultiplier = toward(1, worst.volatilityMultiplier, try s.draw(step))
            c.liquidity = toward(1, worst.liquidity, try s.draw(step))
            c.spreadMultiplier = toward(1, worst.spreadMultiplier, try s.draw(step))
            c.volumeMultiplier = toward(1, worst.volumeMultiplier, try s.draw(step))
            c.partialFillProbability = toward(0, worst.partialFillProbability, try s.draw(step))
            c.rejectProbability = toward(0, worst.rejectProbability, try s.draw(step))
            c.latencyMultiplier = toward(1, worst.latencyMultiplier, try s.draw(step))
            let out = try s.draw(outage)
            c.venueOutage = worst.venueOutage && out
            return c
        }
    }

    /// Crash parameters of `kind` with the drop in `drop` (basis-point steps, shrinking to the
    /// lower bound), each phase 0…`maxPhaseBars` bars of `interval` (the crash at least one), the
    /// recovery share 0…100%, and the crisis and recovery conditions drawn up to the kind's defaults.
    /// Sector crashes pick one to three affected sectors (every sector reachable).
    public static func crash(
        _ kind: CrashKind, drop: ClosedRange<Double>, interval: SimDuration = .minutes(1),
        maxPhaseBars: Int = 30, fileID: String = #fileID, line: Int = #line
    ) -> Gen<CrashParameters> {
        let low = (drop.lowerBound * 10_000).rounded(.up)
        let high = (drop.upperBound * 10_000).rounded(.down)
        guard drop.lowerBound >= 0, drop.upperBound < 1, low <= high, maxPhaseBars >= 1, interval.nanoseconds > 0 else {
            let error = GeneratorError(
                function: "MarketGen.crash",
                message: "drop \(drop) must lie in 0..<1 and hold a whole basis point; maxPhaseBars \(maxPhaseBars) ≥ 1; interval \(interval) > 0",
                fileID: fileID, line: line)
            return Gen { _ throws(Rejection) in throw .invalidGenerator(error) }
        }
        let defaults = CrashParameters(kind)
        let dropBp = Gen.int(in: Int(low)...Int(high))
        let marketBp = Gen.int(in: 0...Int(defaults.marketDrop * 10_000))
        let bars = Gen.int(in: 0...maxPhaseBars)
        let crashBars = Gen.int(in: 1...max(1, maxPhaseBars))
        let share = Gen.int(in: 0...100)
        let crisis = conditions(upTo: defaults.crisis)
        let recovery = conditions(upTo: defaults.recovery)
        let market = conditions(upTo: defaults.marketConditions)
        let sectorCount = Gen.int(in: 1...3)
        let sector = Gen.int(in: 0...(Sector.all.count - 1))
        return Gen { s throws(Rejection) in
            var p = defaults
            p.drop = Double(try s.draw(dropBp)) / 10_000
            p.calmBefore = interval * Int64(try s.draw(bars))
            p.crashDuration = interval * Int64(try s.draw(crashBars))
            p.troughDuration = interval * Int64(try s.draw(bars))
            p.recoveryDuration = interval * Int64(try s.draw(bars))
            p.calmAfter = interval * Int64(try s.draw(bars))
            p.recoveryShare = Double(try s.draw(share)) / 100
            p.crisis = try s.draw(crisis)
            p.recovery = try s.draw(recovery)
            if kind == .sectorCrash {
                p.marketDrop = Double(try s.draw(marketBp)) / 10_000
                p.marketConditions = try s.draw(market)
                var sectors: [Sector] = []
                for _ in 0..<(try s.draw(sectorCount)) {
                    let candidate = Sector.all[try s.draw(sector)]
                    if !sectors.contains(candidate) { sectors.append(candidate) }
                }
                p.affectedSectors = sectors
            }
            return p
        }
    }

    /// Crash parameters of any kind (shrinking toward a flash crash) with the drop in `drop`.
    public static func crash(drop: ClosedRange<Double>, interval: SimDuration = .minutes(1), maxPhaseBars: Int = 30) -> Gen<CrashParameters> {
        let kinds = CrashKind.allCases.map { crash($0, drop: drop, interval: interval, maxPhaseBars: maxPhaseBars) }
        let pick = Gen.int(in: 0...(kinds.count - 1))
        return Gen { s throws(Rejection) in try s.draw(kinds[try s.draw(pick)]) }
    }

    /// One symbol of every sector (a symbol the default table does not know stands for `other`):
    /// scenarios drawn from it reach every sector.
    public static let symbolPerSector: [String] = Sector.all.map { sector in
        SymbolSectorTable.default.listed.first { $0.sector == sector }?.symbol.text ?? "XYZ-USD"
    }

    /// Scenarios of `crash`'s crashes on 1…`maxSymbols` distinct symbols (one per sector, first
    /// BTC-USD), with prices from `model`, correlation 0…0.99 between symbols (shrinking to 0).
    /// The model is drawn before the crash, so that shrinking calms the market before it shrinks
    /// the crash: the minimum of a failure is the calmest market, then the smallest crash.
    public static func scenario(
        _ crash: Gen<CrashParameters>, model: Gen<PriceModelSpec> = priceModel,
        maxSymbols: Int = 3, interval: SimDuration = .minutes(1)
    ) -> Gen<CrashScenario> {
        let count = Gen.int(in: 1...max(1, maxSymbols))
        let symbol = Gen.int(in: 0...(symbolPerSector.count - 1))
        let rho = Gen.int(in: 0...99)
        return Gen { s throws(Rejection) in
            // The model first: shortlex then prefers a calmer market to a smaller crash, so a
            // failure shrinks to no volatility and the smallest drop that breaks on its own.
            let spec = try s.draw(model)
            let parameters = try s.draw(crash)
            var symbols: [String] = []
            for _ in 0..<(try s.draw(count)) {
                let candidate = symbolPerSector[try s.draw(symbol)]
                if !symbols.contains(candidate) { symbols.append(candidate) }
            }
            let correlation = Double(try s.draw(rho)) / 100
            do {
                return try CrashScenario(parameters, symbols: symbols, model: spec, interval: interval, correlation: correlation)
            } catch {
                fatalError("MarketGen drew invalid crash parameters: \(error)")
            }
        }
    }

    /// `scenario`'s scenarios, run on the case's own choices: the market's noise, jumps and
    /// ranges come from the same stream as the scenario, so the shrinker calms them too. A
    /// transformer that refuses the market its choices made (prices pinned at the bounds by
    /// extreme shocks) is left out and listed in `skippedTransformers`.
    public static func run(_ scenario: Gen<CrashScenario>) -> Gen<CrashResult> {
        Gen { s throws(Rejection) in
            let drawn = try s.draw(scenario)
            do {
                return try CrashSimulator.run(drawn, choices: &s, skippingRefusals: true)
            } catch {
                fatalError("MarketGen drew a scenario the simulator refuses: \(error)")
            }
        }
    }

    /// Library scenarios (all, or those `named`), run on the case's own choices: shrinking keeps
    /// the scenario's fixed phases and removes its noise. Long scenarios need a `maxBytes` of
    /// about 4 bytes per bar and symbol.
    public static func library(_ names: [String]? = nil) -> Gen<CrashResult> {
        let entries = names.map { wanted in ScenarioLibrary.all.filter { wanted.contains($0.name) } } ?? ScenarioLibrary.all
        precondition(!entries.isEmpty, "MarketGen.library: no library scenario is called \(names ?? [])")
        let pick = Gen.int(in: 0...(entries.count - 1))
        return Gen { s throws(Rejection) in
            let entry = entries[try s.draw(pick)]
            do {
                return try CrashSimulator.run(entry.scenario, choices: &s)
            } catch {
                fatalError("library scenario \(entry.name) does not run: \(error)")
            }
        }
    }
}
