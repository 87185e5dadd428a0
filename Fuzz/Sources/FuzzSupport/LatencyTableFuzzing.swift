import Certification

/// The reader of latency tables (`certify --latency-table`, `stresscheck merge`), fuzzed: any
/// bytes give a `LatencyHistogram` or a typed `LatencyTableError`, never a trap. Its promises:
///
/// - an error names a line of the input (1 … lines + 1);
/// - a table that reads is the histogram's own table: written again it is the same text (the
///   reader accepts only what the writer writes, but for a missing final newline), and it
///   reads back equal;
/// - its percentiles are ordered: min ≤ p50 ≤ p90 ≤ p99 ≤ p99.9 ≤ p99.99 ≤ max;
/// - merged with itself it counts twice as much, with the same percentiles, min and max.
public enum LatencyTableFuzzing {
    /// What the property found wrong with `bytes`, or `nil`.
    public static func check(_ bytes: [UInt8]) -> (signature: String, details: String)? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let histogram: LatencyHistogram
        do {
            histogram = try LatencyHistogram(table: text)
        } catch {
            guard (1...lines + 1).contains(error.line) else { return ("an error's line outside the input", "\(error) in \(lines) lines") }
            return nil
        }
        let written = histogram.table
        guard written == text || written == text + "\n" else { return ("a table that reads is not the one its histogram writes", "written:\n\(written)") }
        guard let again = try? LatencyHistogram(table: written), again == histogram else {
            return ("the written table does not read back equal", written)
        }
        let s = histogram.summary
        let ordered = [s.p50, s.p90, s.p99, s.p999, s.p9999]
        if s.count > 0, !(s.min <= s.p50 && zip(ordered, ordered.dropFirst()).allSatisfy { $0 <= $1 } && s.p9999 <= histogram.highestEquivalentValue(s.max)) {
            return ("percentiles out of order", "\(s)")
        }
        var doubled = histogram
        do { try doubled.add(histogram) } catch { return ("a histogram cannot be added to itself", "\(error)") }
        let d = doubled.summary
        guard d.count == 2 * s.count, d.min == s.min, d.max == s.max, [d.p50, d.p90, d.p99, d.p999, d.p9999] == ordered else {
            return ("merged with itself it changes", "\(s)\n\(d)")
        }
        return nil
    }

    /// The fuzz target (`fuzz-latency-table`).
    public static let target = FuzzTarget(name: "latency-table") { bytes, _ in
        guard let failure = check(bytes) else {
            return FuzzVerdict(outcome: .passed, report: "", counterexampleBytes: nil, counterexample: nil)
        }
        let input = String(decoding: bytes, as: UTF8.self).debugDescription
        let report = "✗ latency-table failed on \(bytes.count) bytes\n\nFailure: \(failure.signature)\n\(failure.details)\n\nInput:\n\(input)"
        return FuzzVerdict(outcome: .failed, report: report, counterexampleBytes: bytes, counterexample: input, signature: failure.signature)
    }
}
