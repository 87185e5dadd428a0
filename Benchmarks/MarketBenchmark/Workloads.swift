import MarketSim
import PropertyCheck
import TradingChecks

/// The benchmark's workloads: each produces `count` bars (or bar vectors) into reused output
/// storage and returns a checksum of every field of every bar, so nothing can be optimized away.
enum Workload: String, CaseIterable {
    case gbm, garch, merton
    case streamGBM = "stream-gbm"
    case streamMerton = "stream-merton"
    case replayGBM = "replay-gbm"
    case correlated, day

    /// Bars (bar vectors for `correlated`) per chunk: a run is a whole number of chunks. Stream
    /// cases reset the stream per chunk, as a property does per case.
    var chunk: Int {
        switch self {
        case .gbm, .garch, .merton: 10_000
        case .streamGBM, .streamMerton, .replayGBM: 2_000
        case .correlated: 1_000
        case .day: 86_400
        }
    }

    /// Runs `chunks` chunks; returns the checksum.
    func run(chunks: Int) -> UInt64 {
        switch self {
        case .gbm: Self.seeded(Specs.gbm, chunk: chunk, chunks: chunks)
        case .garch: Self.seeded(Specs.garch, chunk: chunk, chunks: chunks)
        case .merton: Self.seeded(Specs.merton, chunk: chunk, chunks: chunks)
        case .streamGBM: Self.stream(Specs.gbm, chunk: chunk, chunks: chunks, replay: false)
        case .streamMerton: Self.stream(Specs.merton, chunk: chunk, chunks: chunks, replay: false)
        case .replayGBM: Self.stream(Specs.gbm, chunk: chunk, chunks: chunks, replay: true)
        case .correlated: Self.correlated(chunk: chunk, chunks: chunks)
        case .day: Self.day(chunks: chunks)
        }
    }

    static func seeded(_ spec: PriceModelSpec, chunk: Int, chunks: Int) -> UInt64 {
        var generator = Specs.generator(spec, interval: .minutes(1))
        var choices = SeededChoices(seed: 42)
        var buffer = [Bar](repeating: Specs.emptyBar, count: chunk)
        var sum: UInt64 = 0
        for _ in 0..<chunks { sum &+= fill(&buffer, &generator, &choices) }
        return sum
    }

    /// A fresh generator per chunk from a template (as a property makes one per case), the stream
    /// reset per chunk; `replay` replays one recorded chunk's bytes instead of generating.
    static func stream(_ spec: PriceModelSpec, chunk: Int, chunks: Int, replay: Bool) -> UInt64 {
        let template = Specs.generator(spec, interval: .minutes(1))
        var buffer = [Bar](repeating: Specs.emptyBar, count: chunk)
        var stream = ChoiceStream(seed: 42, maxBytes: Specs.streamMaxBytes)
        var recorded: [UInt8] = []
        if replay {
            var generator = template
            _ = fill(&buffer, &generator, &stream)
            recorded = stream.recorded
        }
        var sum: UInt64 = 0
        for _ in 0..<chunks {
            if replay { stream.reset(replaying: recorded, randomTail: false) } else { stream.reset(randomTail: true) }
            var generator = template
            sum &+= fill(&buffer, &generator, &stream)
            precondition(!stream.overran, "a chunk of \(chunk) bars overran maxBytes \(Specs.streamMaxBytes)")
        }
        return sum
    }

    static func correlated(chunk: Int, chunks: Int) -> UInt64 {
        var market = Specs.correlatedMarket()
        var choices = SeededChoices(seed: 42)
        var row = [Bar](repeating: Specs.emptyBar, count: market.count)
        var sum: UInt64 = 0
        for _ in 0..<(chunk * chunks) {
            market.next(into: &row, conditions: { _ in .calm }, extraLogDrift: { _ in 0 }, choices: &choices)
            sum &+= checksum(row)
        }
        return sum
    }

    /// One simulated day of one-second GBM bars per chunk, a fresh generator each day.
    static func day(chunks: Int) -> UInt64 {
        let template = Specs.generator(Specs.gbm, interval: .seconds(1))
        var buffer = [Bar](repeating: Specs.emptyBar, count: 86_400)
        var choices = SeededChoices(seed: 42)
        var sum: UInt64 = 0
        for _ in 0..<chunks {
            var generator = template
            sum &+= fill(&buffer, &generator, &choices)
        }
        return sum
    }
}

/// Fills `buffer` with the next bars; returns their checksum.
@inline(never)
func fill<C: ChoiceSource>(_ buffer: inout [Bar], _ generator: inout BarGenerator, _ choices: inout C) -> UInt64 {
    buffer.withUnsafeMutableBufferPointer { out in
        for i in out.indices { out[i] = generator.next(choices: &choices) }
    }
    return checksum(buffer)
}

/// The wrapping sum of every field's bits.
@inline(__always)
func checksum(_ bars: [Bar]) -> UInt64 {
    var sum: UInt64 = 0
    for bar in bars {
        sum &+= UInt64(bitPattern: bar.time.nanoseconds) &+ bar.open.bitPattern &+ bar.high.bitPattern &+ bar.low.bitPattern
        sum &+= bar.close.bitPattern &+ bar.volume.bitPattern &+ bar.spreadBps.bitPattern &+ bar.liquidity.bitPattern
    }
    return sum
}
