import Foundation
import MarketSim
import PropertyCheck
import Testing
import TradingChecks

/// The engine's `ChoiceStream` as MarketSim's `ChoiceSource` (`ChoiceStream+ChoiceSource.swift`).
@Suite struct MarketChoiceStreamTests {
    static let specs: [PriceModelSpec] = [
        .gbm(drift: 0.05, volatility: 0.8),
        .garch(drift: 0.05, longRunVolatility: 0.8, alpha: 0.09, beta: 0.89, degreesOfFreedom: 5),
        .merton(drift: 0.05, volatility: 0.8, jumpIntensity: 2_000, jumpMean: -0.01, jumpVolatility: 0.03),
    ]

    static func generator(_ spec: PriceModelSpec) throws -> BarGenerator {
        try BarGenerator(model: spec.model(interval: .minutes(1)), startPrice: 100)
    }

    /// The log return of a calm GBM bar: `(μ − σ²/2)Δt`.
    static func calmLogReturn(_ generator: BarGenerator) -> Double {
        var model = generator.model
        var calm = CalmChoices()
        return model.logReturn(shock: 0, volatilityMultiplier: 1, choices: &calm)
    }

    static func bars<C: ChoiceSource>(_ count: Int, from generator: inout BarGenerator, _ choices: inout C) -> [Bar] {
        (0..<count).map { _ in generator.next(choices: &choices) }
    }

    @Test(arguments: specs)
    func allZeroBytesAreTheCalmMarket(spec: PriceModelSpec) throws {
        var zeros = ChoiceStream(replaying: [UInt8](repeating: 0, count: 4_000))
        var fromStream = try Self.generator(spec)
        let streamBars = Self.bars(500, from: &fromStream, &zeros)
        var calm = CalmChoices()
        var fromCalm = try Self.generator(spec)
        #expect(streamBars == Self.bars(500, from: &fromCalm, &calm))
        #expect(!zeros.overran)
        if case .gbm = spec {
            let drift = Self.calmLogReturn(fromStream)
            for (t, bar) in streamBars.enumerated() {
                #expect(abs(bar.close / (100 * exp(Double(t + 1) * drift)) - 1) < 1e-12)
                #expect(bar.high == max(bar.open, bar.close) && bar.low == min(bar.open, bar.close), "no wick")
            }
        }
    }

    @Test(arguments: specs)
    func recordedBytesReplayTheBarsBitForBit(spec: PriceModelSpec) throws {
        var stream = ChoiceStream(seed: 42, maxBytes: 64 * 1024)
        var generator = try Self.generator(spec)
        let original = Self.bars(2_000, from: &generator, &stream)
        #expect(!stream.overran)
        var replay = ChoiceStream(replaying: stream.recorded)
        var again = try Self.generator(spec)
        let replayed = Self.bars(2_000, from: &again, &replay)
        var a = Fingerprint()
        var b = Fingerprint()
        for bar in original { a.combine(bar) }
        for bar in replayed { b.combine(bar) }
        #expect(a == b)
        #expect(original == replayed)
        #expect(replay.recorded == stream.recorded)
        #expect(Set(original.map(\.close)).count > 1_900, "the random stream moves the price")
    }

    /// A GBM bar takes two 16-bit choices (4 bytes). With room for 10 bars the first 10 are the
    /// seeded ones and the rest calm; with 2 more bytes the 11th bar has its shock but no wick.
    @Test(arguments: [40, 41, 42])
    func anOverrunIsCalmNotACrash(maxBytes: Int) throws {
        let spec = PriceModelSpec.gbm(drift: 0.05, volatility: 0.8)
        var unbounded = ChoiceStream(seed: 7)
        var reference = try Self.generator(spec)
        let seeded = Self.bars(11, from: &reference, &unbounded)

        var small = ChoiceStream(seed: 7, maxBytes: maxBytes)
        var generator = try Self.generator(spec)
        let bars = Self.bars(10, from: &generator, &small)
        #expect(bars == Array(seeded.prefix(10)))
        #expect(!small.overran)
        let eleventh = generator.next(choices: &small)
        #expect(small.overran && small.position <= maxBytes)
        #expect(eleventh.close == (maxBytes >= 42 ? seeded[10].close : bars[9].close * exp(Self.calmLogReturn(generator))))
        #expect(eleventh.high == max(eleventh.open, eleventh.close), "the wick's choice overran: no wick")

        var calm = CalmChoices()
        var calmContinuation = generator
        let rest = Self.bars(100, from: &generator, &small)
        #expect(rest == Self.bars(100, from: &calmContinuation, &calm))
    }
}
