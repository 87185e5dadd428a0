import MarketSim

/// The CSV loader of bars, fuzzed: any bytes go to `CSVLoader.parse` (in memory) and must give
/// bars or a `CSVError`, never a trap. Whatever loads must keep the loader's promises:
///
/// - the same result (bars bit for bit, lines, layout, or the same error) when the bytes arrive
///   in chunks (`CSVParser.consume`), cut at places the input itself chooses;
/// - one line per bar, strictly increasing, each within the input's lines;
/// - `Adj Close` values, when there are any, one per bar;
/// - the validator runs without a trap and reports only real bars, each fault with its bar's
///   line, sorted by bar (with the default thresholds, and with small spike windows that reach
///   the spike detector from 2 returns on);
/// - `CSVWriter`'s text of the bars loads back to the same times and numbers, bit for bit
///   (NaN, infinities and -0.0 included), and writing that again gives the same text.
public enum CSVFuzzing {
    /// A broken promise: a short name (the failure's signature) and the details.
    struct Failure: Error {
        var signature: String
        var details: String
    }

    /// What the property found wrong with `bytes`, or `nil`.
    public static func check(_ bytes: [UInt8]) -> (signature: String, details: String)? {
        do throws(Failure) {
            try checkLoad(bytes)
            return nil
        } catch {
            return (error.signature, error.details)
        }
    }

    static func outcome(_ body: () throws(CSVError) -> LoadedCSV) -> Result<LoadedCSV, CSVError> {
        do throws(CSVError) { return .success(try body()) } catch { return .failure(error) }
    }

    static func checkLoad(_ bytes: [UInt8]) throws(Failure) {
        let whole = outcome { () throws(CSVError) in try CSVLoader.parse(bytes, file: "fuzz.csv") }
        // Chunks of a size the input chooses (1…16 bytes), so every cut place gets tried.
        let size = 1 + Int((bytes.first ?? 0) % 16)
        let chunked = outcome { () throws(CSVError) in
            var parser = CSVParser(file: "fuzz.csv")
            var start = 0
            while start < bytes.count {
                try parser.consume(bytes[start..<min(bytes.count, start + size)])
                start += size
            }
            return try parser.finish()
        }
        guard same(whole, chunked) else {
            throw Failure(signature: "chunks of \(size) bytes parse otherwise", details: "whole: \(summary(whole))\nchunked: \(summary(chunked))")
        }
        guard case .success(let loaded) = whole else { return }
        let lineCount = bytes.count(where: { $0 == 0x0A }) + 1
        guard loaded.lines.count == loaded.bars.count,
            zip(loaded.lines, loaded.lines.dropFirst()).allSatisfy({ $0 < $1 }),
            loaded.lines.allSatisfy({ (1...lineCount).contains($0) })
        else {
            throw Failure(signature: "line numbers out of place", details: "\(loaded.bars.count) bars, \(lineCount) lines: \(loaded.lines)")
        }
        if let adjusted = loaded.adjustedCloses, adjusted.count != loaded.bars.count {
            throw Failure(signature: "adjusted closes not one per bar", details: "\(adjusted.count) for \(loaded.bars.count) bars")
        }
        for options in [ValidationOptions.standard, smallWindows] {
            let report = DataValidator.validate(loaded, symbol: "FUZZ", options: options)
            let indices = report.faults.map(\.barIndex)
            guard report.barCount == loaded.bars.count,
                indices.allSatisfy({ $0 >= 0 && $0 < loaded.bars.count }),
                zip(indices, indices.dropFirst()).allSatisfy({ $0 <= $1 }),
                report.faults.allSatisfy({ $0.line == loaded.lines[$0.barIndex] })
            else {
                throw Failure(signature: "validation report out of place", details: "\(report)")
            }
        }
        let text = CSVWriter.text(loaded.bars)
        let again = outcome { () throws(CSVError) in try CSVLoader.parse(Array(text.utf8), file: "written.csv") }
        guard case .success(let reloaded) = again else {
            throw Failure(signature: "the written CSV does not load", details: "\(summary(again))\nwritten:\n\(text)")
        }
        guard bits(reloaded.bars) == bits(loaded.bars) else {
            throw Failure(signature: "the written CSV loads to other values", details: "loaded: \(loaded.bars)\nreloaded: \(reloaded.bars)")
        }
        guard CSVWriter.text(reloaded.bars) == text else {
            throw Failure(signature: "writing is not stable", details: text)
        }
    }

    /// Thresholds that look for spikes from 2 returns on, so that inputs of a few rows reach the
    /// spike detector too.
    static let smallWindows: ValidationOptions = {
        do throws(ParameterError) {
            return try ValidationOptions(spikeSigmas: 3, spikeReturnsBefore: 10, spikeReturnsAfter: 2, spikeMinimumReturns: 2)
        } catch {
            fatalError("fuzz-csv: \(error)")
        }
    }()

    /// Equal errors, or equal loads with bit-equal numbers.
    static func same(_ a: Result<LoadedCSV, CSVError>, _ b: Result<LoadedCSV, CSVError>) -> Bool {
        switch (a, b) {
        case (.failure(let x), .failure(let y)): x == y
        case (.success(let x), .success(let y)):
            x.layout == y.layout && x.lines == y.lines && bits(x.bars) == bits(y.bars)
                && (x.adjustedCloses ?? []).map(\.bitPattern) == (y.adjustedCloses ?? []).map(\.bitPattern)
        default: false
        }
    }

    /// Every time and number of `bars` by its bit pattern.
    static func bits(_ bars: [Bar]) -> [UInt64] {
        bars.flatMap { bar in
            [UInt64(bitPattern: bar.time.nanoseconds)]
                + [bar.open, bar.high, bar.low, bar.close, bar.volume, bar.spreadBps, bar.liquidity].map(\.bitPattern)
        }
    }

    static func summary(_ outcome: Result<LoadedCSV, CSVError>) -> String {
        switch outcome {
        case .success(let loaded): "\(loaded.bars.count) bars, lines \(loaded.lines.prefix(20)), layout \(loaded.layout)"
        case .failure(let error): "error: \(error)"
        }
    }

    /// The fuzz target.
    public static let target = FuzzTarget(name: "csv") { bytes, _ in
        guard let failure = check(bytes) else {
            return FuzzVerdict(outcome: .passed, report: "", counterexampleBytes: nil, counterexample: nil)
        }
        let input = String(decoding: bytes, as: UTF8.self).debugDescription
        let report = "✗ csv failed on \(bytes.count) bytes\n\nFailure: \(failure.signature)\n\(failure.details)\n\nInput:\n\(input)"
        return FuzzVerdict(outcome: .failed, report: report, counterexampleBytes: bytes, counterexample: input, signature: failure.signature)
    }
}
