import Foundation
import MarketSim
import Testing

/// The instant of a UTC calendar date and time.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, nanosecond: Int = 0) throws -> SimTime {
    try #require(CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond).time)
}

/// The outcome of parsing `bytes` whole.
func parseOutcome(_ bytes: [UInt8], limits: CSVLimits = .standard) -> Result<LoadedCSV, CSVError> {
    do throws(CSVError) {
        return .success(try CSVLoader.parse(bytes, file: "t.csv", limits: limits))
    } catch {
        return .failure(error)
    }
}

/// The outcome of parsing `bytes` fed to a ``CSVParser`` in chunks of `size` bytes.
func chunkedOutcome(_ bytes: [UInt8], size: Int, limits: CSVLimits = .standard) -> Result<LoadedCSV, CSVError> {
    var parser = CSVParser(file: "t.csv", limits: limits)
    do throws(CSVError) {
        var start = 0
        while start < bytes.count {
            try parser.consume(bytes[start..<min(bytes.count, start + size)])
            start += size
        }
        return .success(try parser.finish())
    } catch {
        return .failure(error)
    }
}

/// Whether two outcomes are the same: equal errors, or equal loads with bit-equal numbers (NaN
/// included).
func same(_ a: Result<LoadedCSV, CSVError>, _ b: Result<LoadedCSV, CSVError>) -> Bool {
    switch (a, b) {
    case (.failure(let x), .failure(let y)): x == y
    case (.success(let x), .success(let y)): x.file == y.file && x.layout == y.layout && x.lines == y.lines && bits(x) == bits(y)
    default: false
    }
}

/// Every number of a load by its bit pattern.
func bits(_ loaded: LoadedCSV) -> [UInt64] {
    bits(loaded.bars) + (loaded.adjustedCloses ?? []).map(\.bitPattern)
}

/// Every time and number of bars by its bit pattern.
func bits(_ bars: [Bar]) -> [UInt64] {
    bars.flatMap { bar in
        [UInt64(bitPattern: bar.time.nanoseconds)] + [bar.open, bar.high, bar.low, bar.close, bar.volume, bar.spreadBps, bar.liquidity].map(\.bitPattern)
    }
}

/// Parses `text` as the file `t.csv`, checking on the way that feeding it in chunks of several
/// sizes gives the same result.
func load(_ text: String, limits: CSVLimits = .standard, sourceLocation: SourceLocation = #_sourceLocation) throws(CSVError) -> LoadedCSV {
    let bytes = Array(text.utf8)
    let whole = parseOutcome(bytes, limits: limits)
    for size in [1, 2, 3, 7, 64] {
        #expect(same(chunkedOutcome(bytes, size: size, limits: limits), whole), "chunks of \(size) bytes", sourceLocation: sourceLocation)
    }
    return try whole.get()
}

/// The error parsing `text` gives, or `nil` when it loads.
func loadError(_ text: String, limits: CSVLimits = .standard, sourceLocation: SourceLocation = #_sourceLocation) -> CSVError? {
    do {
        _ = try load(text, limits: limits, sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A fresh temporary directory; the caller removes it.
func temporaryDirectory() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("marketsim-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `count` bars of a seeded model, one per `interval` from the simulation epoch, starting at 100.
func generatedBars(_ spec: PriceModelSpec, seed: UInt64, count: Int, interval: SimDuration = .minutes(1)) throws -> [Bar] {
    var generator = try BarGenerator(model: spec.model(interval: interval), startPrice: 100)
    var choices = SeededChoices(seed: seed)
    return (0..<count).map { _ in generator.next(choices: &choices) }
}

/// Bars as CSV loads them back: spread 0, liquidity 1.
func asLoaded(_ bars: [Bar]) -> [Bar] {
    bars.map { Bar(time: $0.time, open: $0.open, high: $0.high, low: $0.low, close: $0.close, volume: $0.volume) }
}
