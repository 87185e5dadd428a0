import ExchangeSim
import MarketSim
import PropertyCheck
import StressRun

/// Generators of whole stress runs from the engine's choice stream: a scenario (any crash kind,
/// its parameters, symbols and sectors, price model, transformers, a signal fault, a calm tail),
/// a built-in strategy, and the run itself, whose bars and venue fault mix the executor draws
/// from the same stream.
///
/// All-zero choices are the calmest market with no faults: a flash crash of 0% over one bar on
/// one symbol (BTC-USD), no volatility, no transformer, no signal fault, no calm tail, the
/// momentum strategy, and a calm venue (base latency, no jitter, spike, reject, window). Every
/// draw shrinks toward that: smaller drops and shorter phases (`MarketGen.crash`), a calmer
/// price model and fewer symbols (`MarketGen.scenario`), fewer and milder transformers
/// (`MarketGen.transformed`), no signal fault, a shorter tail, and the executor's own draws
/// toward no shock and no fault.
///
/// Sizes are bounded so that a case runs in about a millisecond in release: at most
/// ``maxPhaseBars`` bars a phase (five phases), ``maxTailBars`` calm bars after them (enough
/// for the liveness deadline of 78 one-minute bars to pass), ``maxSymbols`` symbols.
public enum StressGen {
    /// The most bars of one crash phase (calm, crash, trough, recovery, calm).
    public static let maxPhaseBars = 20
    /// The most calm bars appended after the scenario (so that liveness can be judged).
    public static let maxTailBars = 90
    /// The most symbols of a generated scenario.
    public static let maxSymbols = 3
    /// The most transformers appended to a generated scenario.
    public static let maxTransformers = 2

    /// The highest yearly volatility of the calm market (GBM's σ, GARCH's long-run σ): 80%, as
    /// the library's, whose daily figure (4.2% on minute bars) stays below the STRESSED
    /// threshold (5%). A calm market above it is itself a crisis by the stack's thresholds, and
    /// "prices stabilize" (what liveness waits for) would never come.
    public static let maxCalmVolatility = 0.8

    /// Price models as `MarketGen.priceModel` draws them (every kind, the same draws for every
    /// kind so that GARCH and Merton shrink to GBM), inside bounds whose calm market stays calm
    /// by the stack's thresholds: σ ≤ ``maxCalmVolatility``, GARCH's α ≤ 0.2 and α + β ≤ 0.9,
    /// Merton's jumps at most 50 a year of at most −5% ± 5%.
    public static let priceModel: Gen<PriceModelSpec> = {
        let kind = Gen.int(in: 0...2)
        let bp = Gen.int(in: 0...Int(maxCalmVolatility * 10_000))
        let drift = Gen.int(in: -10_000...10_000)
        let percent = Gen.int(in: 0...99)
        let nu = Gen.int(in: 3...30)
        let lambda = Gen.int(in: 0...50)
        return Gen { s throws(PropertyCheck.Rejection) in
            let k = try s.draw(kind)
            let mu = Double(try s.draw(drift)) / 10_000
            let sigma = Double(try s.draw(bp)) / 10_000
            let alpha = Double(try s.draw(percent)) / 500  // 0 … 0.198
            let beta = Double(try s.draw(percent)) / 100 * (0.9 - alpha)
            let degrees = Double(try s.draw(nu))
            let intensity = Double(try s.draw(lambda))
            let jumpMean = -Double(try s.draw(percent)) / 2000
            let jumpVolatility = Double(try s.draw(percent)) / 2000
            switch k {
            case 0: return .gbm(drift: mu, volatility: sigma)
            case 1: return .garch(drift: mu, longRunVolatility: max(sigma, 0.0001), alpha: alpha, beta: beta, degreesOfFreedom: degrees)
            default: return .merton(drift: mu, volatility: sigma, jumpIntensity: intensity, jumpMean: jumpMean, jumpVolatility: jumpVolatility)
            }
        }
    }()

    /// Generated scenarios: every crash kind (shrinking toward a flash crash), drops 0…90%.
    public static let scenario: Gen<CrashScenario> = {
        let crash = MarketGen.crash(drop: 0...0.9, maxPhaseBars: maxPhaseBars)
        let transformed = MarketGen.transformed(MarketGen.scenario(crash, model: priceModel, maxSymbols: maxSymbols), maxTransformers: maxTransformers)
        let tail = Gen.int(in: 0...maxTailBars)
        let fault = Gen.int(in: 0...SignalFault.Kind.allCases.count)
        let phase = Gen.int(in: 0...4)
        return Gen { s throws(PropertyCheck.Rejection) in
            var drawn = try s.draw(transformed)
            let extra = try s.draw(tail)
            if extra > 0 { drawn.phases.append(CrashPhase("calm", duration: drawn.interval * Int64(extra))) }
            // 0: none; k: the k-th kind, during one of the phases (indices past the last wrap).
            let kind = try s.draw(fault)
            let at = try s.draw(phase)
            if kind > 0 {
                drawn.signalFaults = [SignalFault(SignalFault.Kind.allCases[kind - 1], during: drawn.phases[at % drawn.phases.count].name)]
            }
            return drawn
        }
    }()

    /// A generated stress case: a scenario, a strategy, and the run of them on `executor` with
    /// the case's own choices.
    public static func generated(executor: ScenarioExecutor = ScenarioExecutor()) -> Gen<StressCase> {
        let strategy = Gen.int(in: 0...(StressStrategy.allCases.count - 1))
        return Gen { s throws(PropertyCheck.Rejection) in
            let drawn = try s.draw(scenario)
            let picked = StressStrategy.allCases[try s.draw(strategy)]
            return run(drawn, strategy: picked, origin: .generated, executor: executor, stream: &s)
        }
    }

    /// Generated cases, or library scenarios: a first flag (never set in random generation, so
    /// the generated phase draws only generated scenarios) marks a library case, whose next two
    /// choices name the entry and the strategy and whose following bytes are the executor's
    /// draws; ``library(_:strategy:executor:)`` writes a seeded library run as such bytes. The
    /// flag clear (the calm byte) is a generated case, so a library failure can shrink into one.
    public static func cases(executor: ScenarioExecutor = ScenarioExecutor()) -> Gen<StressCase> {
        let generated = generated(executor: executor)
        let fromLibrary = Gen.bool(probability: 0)
        let library = ScenarioLibrary.all
        return Gen { s throws(PropertyCheck.Rejection) in
            guard try s.draw(fromLibrary) else { return try s.draw(generated) }
            let entry = library[Int(s.choice(upTo: UInt64(library.count - 1)))]
            let picked = StressStrategy.allCases[Int(s.choice(upTo: UInt64(StressStrategy.allCases.count - 1)))]
            return run(entry.scenario, strategy: picked, origin: .library(name: entry.name, seed: entry.seed), executor: executor, stream: &s)
        }
    }

    /// Runs `scenario` on the stream's following choices and keeps the bytes it drew.
    static func run(
        _ scenario: CrashScenario, strategy: StressStrategy, origin: StressCase.Origin, executor: ScenarioExecutor,
        stream s: inout ChoiceStream
    ) -> StressCase {
        let start = s.position
        let outcome: Result<RunRecord, StressRunError>
        do { outcome = .success(try strategy.run(scenario, on: executor, choices: &s)) } catch { outcome = .failure(error) }
        let bytes = Array(s.recorded[start...])
        return StressCase(
            origin: origin, scenario: scenario, strategy: strategy, outcome: outcome, executorBytes: bytes,
            executorBounds: executor.configuration.faultBounds)
    }
}
