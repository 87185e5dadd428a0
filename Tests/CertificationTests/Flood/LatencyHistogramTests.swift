@testable import Certification
import Testing

/// SplitMix64 as a `RandomNumberGenerator`: every run tests the same value sets.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A value set: log-uniform over 1 … `highest` (latencies span many magnitudes), with the
/// extremes 1 and `highest` (and sometimes 0) mixed in, and runs of repeated values.
func valueSet(_ random: inout SeededGenerator, highest: Int64 = LatencyHistogram.defaultHighestTrackableValue) -> [Int64] {
    let size = Int.random(in: 1...1_500, using: &random)
    let topBits = Double(Int64.bitWidth - highest.leadingZeroBitCount)
    var values: [Int64] = []
    for _ in 0..<size {
        switch Int.random(in: 0..<100, using: &random) {
        case 0: values.append(1)
        case 1: values.append(highest)
        case 2: values.append(0)
        case 3 where !values.isEmpty: values.append(values[Int.random(in: 0..<values.count, using: &random)])
        default:
            let magnitude = Double.random(in: 0..<topBits, using: &random)
            values.append(Swift.min(highest, Swift.max(1, Int64(Double.exp2(magnitude)))))
        }
    }
    return values
}

extension Double {
    static func exp2(_ x: Double) -> Double {
        // 2^x without Foundation: integer part by shifting, fraction by a short series.
        let whole = Int(x)
        let fraction = x - Double(whole)
        var term = 1.0
        var sum = 1.0
        let ln2 = 0.693_147_180_559_945_3
        for k in 1...20 {
            term *= fraction * ln2 / Double(k)
            sum += term
        }
        return sum * Double(Int64(1) << Int64(whole))
    }
}

@Suite struct LatencyHistogramTests {
    static let percentiles: [Double] = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 99.999, 100]

    /// Property: at every percentile, the histogram's value is the exact one (from the sorted
    /// values, same rank definition) or above it by at most 0.1%; count, min, max and mean exact.
    @Test func everyPercentileIsWithinATenthOfAPercentOfTheExactValue() {
        var random = SeededGenerator(state: 13)
        for _ in 0..<300 {
            let values = valueSet(&random)
            var histogram = LatencyHistogram()
            for value in values { histogram.record(value) }
            let sorted = values.sorted()
            #expect(histogram.count == Int64(values.count))
            #expect(histogram.minValue == sorted.first)
            #expect(histogram.maxValue == sorted.last)
            #expect(histogram.sum == values.reduce(Int128(0)) { $0 + Int128($1) })
            let percentiles = Self.percentiles + (0..<10).map { _ in Double.random(in: 0...100, using: &random) }
            for percentile in percentiles {
                let rank = LatencyHistogram.rank(ofPercentile: percentile, count: Int64(values.count))
                let exact = sorted[Int(rank) - 1]
                let reported = histogram.value(atPercentile: percentile)
                #expect(reported >= exact, "p\(percentile): \(reported) < exact \(exact)")
                #expect(Double(reported - exact) <= Double(exact) * 0.001, "p\(percentile): \(reported) vs exact \(exact)")
            }
        }
    }

    @Test func theExtremesAndTheExactRangeComeBackExactly() {
        var histogram = LatencyHistogram()
        for value: Int64 in [1, 2, 2_047, LatencyHistogram.defaultHighestTrackableValue] { histogram.record(value) }
        #expect(histogram.value(atPercentile: 0) == 1)
        #expect(histogram.value(atPercentile: 50) == 2)
        #expect(histogram.value(atPercentile: 75) == 2_047)
        #expect(histogram.value(atPercentile: 100) == LatencyHistogram.defaultHighestTrackableValue)
        // 3 digits: 2 048 sub-buckets, 33 buckets of 1 024 slots for 1 hour; memory fixed at creation.
        #expect(histogram.slotCount == 33 * 1_024)
        #expect(histogram.memoryBytes == 33 * 1_024 * 8)
    }

    @Test func valuesOutsideTheRangeAreClampedAndCounted() {
        var histogram = LatencyHistogram()
        histogram.record(LatencyHistogram.defaultHighestTrackableValue + 1)
        histogram.record(-5)
        #expect(histogram.saturatedCount == 1)
        #expect(histogram.maxValue == LatencyHistogram.defaultHighestTrackableValue)
        #expect(histogram.minValue == 0)
        #expect(histogram.count == 2)
    }

    @Test func mergingEqualsRecordingEverything() throws {
        var random = SeededGenerator(state: 99)
        for _ in 0..<100 {
            let values = valueSet(&random)
            let shards = Int.random(in: 1...4, using: &random)
            var parts = [LatencyHistogram](repeating: LatencyHistogram(), count: shards)
            var all = LatencyHistogram()
            for value in values {
                parts[Int.random(in: 0..<shards, using: &random)].record(value)
                all.record(value)
            }
            var merged = LatencyHistogram()
            for part in parts { try merged.add(part) }
            #expect(merged == all)
        }
        var other = try LatencyHistogram(highestTrackableValue: 1_000_000_000, significantDigits: 3)
        #expect(throws: LatencyHistogramError.configurationMismatch) { try other.add(LatencyHistogram()) }
    }

    @Test func configurationsAreValidated() throws {
        #expect(throws: LatencyHistogramError.invalidConfiguration(highestTrackableValue: 1_000, significantDigits: 3)) {
            try LatencyHistogram(highestTrackableValue: 1_000, significantDigits: 3)
        }
        #expect(throws: LatencyHistogramError.invalidConfiguration(highestTrackableValue: 1_000_000, significantDigits: 6)) {
            try LatencyHistogram(highestTrackableValue: 1_000_000, significantDigits: 6)
        }
        // 2 digits: within 1%.
        let coarse = try LatencyHistogram(highestTrackableValue: LatencyHistogram.defaultHighestTrackableValue, significantDigits: 2)
        var histogram = coarse
        histogram.record(123_456_789)
        #expect(histogram.value(atPercentile: 50) >= 123_456_789)
        #expect(Double(histogram.highestEquivalentValue(123_456_789) - 123_456_789) <= 123_456_789 * 0.01)
        #expect(coarse.memoryBytes < LatencyHistogram().memoryBytes / 5)
    }

    @Test func resetEmptiesAndKeepsTheConfiguration() {
        var histogram = LatencyHistogram()
        histogram.record(42)
        histogram.reset()
        #expect(histogram == LatencyHistogram())
    }
}

@Suite struct LatencyTableTests {
    @Test func readingTheTableGivesBackTheSameHistogram() throws {
        var random = SeededGenerator(state: 5)
        var configurations = [LatencyHistogram(), try LatencyHistogram(highestTrackableValue: 60_000_000_000, significantDigits: 2)]
        configurations.append(try LatencyHistogram(highestTrackableValue: 10_000, significantDigits: 1))
        for empty in configurations {
            #expect(try LatencyHistogram(table: empty.table) == empty)
            for _ in 0..<40 {
                var histogram = empty
                for value in valueSet(&random) { histogram.record(value) }
                #expect(try LatencyHistogram(table: histogram.table) == histogram)
            }
        }
        var saturated = LatencyHistogram()
        saturated.record(.max)
        #expect(try LatencyHistogram(table: saturated.table) == saturated)
    }

    @Test func mergingTablesGivesTheTableOfTheMergedHistogram() throws {
        var random = SeededGenerator(state: 77)
        for _ in 0..<30 {
            var a = LatencyHistogram()
            var b = LatencyHistogram()
            for value in valueSet(&random) { a.record(value) }
            for value in valueSet(&random) { b.record(value) }
            var merged = a
            try merged.add(b)
            #expect(try LatencyHistogram.mergingTables([a.table, b.table]) == merged.table)
        }
        let coarse = try LatencyHistogram(highestTrackableValue: 60_000_000_000, significantDigits: 2)
        #expect(throws: LatencyMergeError.configurationMismatch(index: 1)) {
            try LatencyHistogram.mergingTables([LatencyHistogram().table, coarse.table])
        }
        #expect(throws: LatencyMergeError.table(index: 0, LatencyTableError(line: 1, problem: .notALatencyTable))) {
            try LatencyHistogram.mergingTables(["hello\n"])
        }
    }

    /// Tables read from files can hold any count up to `Int64.max`: two that add up past it are a
    /// typed error naming the second (the counters wrapped, then writing the merge trapped).
    @Test func countsThatAddUpPastInt64AreRefused() throws {
        func huge(at value: Int64, count: Int64) -> LatencyHistogram {
            var histogram = LatencyHistogram()
            histogram.record(value)
            histogram.counts[histogram.index(of: value)] = count
            histogram.count = count
            histogram.sum = Int128(value) * Int128(count)
            return histogram
        }
        let half = Int64.max / 2 + 1
        let a = huge(at: 80, count: half)
        // The table round-trips: the reader takes such counts.
        #expect(try LatencyHistogram(table: a.table) == a)
        for other in [huge(at: 90, count: half), huge(at: 80, count: half)] {
            var merged = a
            #expect(throws: LatencyHistogramError.countOverflow) { try merged.add(other) }
            #expect(merged == a)
            #expect(throws: LatencyMergeError.countOverflow(index: 1)) { try LatencyHistogram.mergingTables([a.table, other.table]) }
        }
        // Up to Int64.max exactly, they merge.
        var exact = a
        try exact.add(huge(at: 90, count: Int64.max - half))
        #expect(exact.count == .max)
        #expect(try LatencyHistogram.mergingTables([a.table, huge(at: 90, count: Int64.max - half).table]) == exact.table)
    }

    @Test func theTableIsReadableText() {
        var histogram = LatencyHistogram()
        for value: Int64 in [80, 80, 90, 52_000_000] { histogram.record(value) }
        let lines = histogram.table.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "stresscheck-latency-histogram v1", "highest-trackable-ns 3600000000000", "significant-digits 3", "count 4",
                "min-ns 80", "max-ns 52000000", "sum-ns 52000250", "saturated 0", "lowest-ns highest-ns count cumulative-percent",
                "80 80 2 50.000000", "90 90 1 75.000000", "51970048 52002815 1 100.000000", "end",
            ])
    }

    /// Each corruption of a good table is refused, naming the line and what is wrong.
    @Test func malformedTablesGiveTypedErrors() {
        var histogram = LatencyHistogram()
        for value: Int64 in [80, 80, 90, 52_000_000] { histogram.record(value) }
        let good = histogram.table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func with(_ line: Int, _ text: String?) -> String {
            var lines = good
            if let text { lines[line - 1] = text } else { lines.remove(at: line - 1) }
            return lines.joined(separator: "\n")
        }
        let cases: [(String, LatencyTableError)] = [
            ("", LatencyTableError(line: 1, problem: .truncated)),
            (with(1, "some other file"), LatencyTableError(line: 1, problem: .notALatencyTable)),
            (with(1, "stresscheck-latency-histogram v9"), LatencyTableError(line: 1, problem: .unsupportedVersion("v9"))),
            (with(2, "highest 3600000000000"), LatencyTableError(line: 2, problem: .expectedField("highest-trackable-ns"))),
            (with(3, "significant-digits 7"), LatencyTableError(line: 3, problem: .invalidConfiguration)),
            (with(4, "count four"), LatencyTableError(line: 4, problem: .notANumber("four"))),
            // The percentages follow the header's count, so changing it shows on the first row.
            (with(4, "count 5"), LatencyTableError(line: 10, problem: .wrongCumulativePercent("50.000000"))),
            (
                good.enumerated().filter { $0.offset != 10 }.map { $0.offset == 11 ? "51970048 52002815 1 75.000000" : $0.element }
                    .joined(separator: "\n"), LatencyTableError(line: 12, problem: .countMismatch(header: 4, rows: 3))
            ),
            (with(5, "min-ns 85"), LatencyTableError(line: 5, problem: .outsideRows(85))),
            (with(6, "max-ns 60000000"), LatencyTableError(line: 6, problem: .outsideRows(60_000_000))),
            (with(7, "sum-ns 1"), LatencyTableError(line: 7, problem: .outsideRows(1))),
            (with(9, "lowest highest count"), LatencyTableError(line: 9, problem: .expectedField(LatencyHistogram.rowsHeader))),
            (with(10, "81 81 2 50.000000 extra"), LatencyTableError(line: 10, problem: .wrongFieldCount(expected: 4, found: 5))),
            (with(12, "51970049 52002815 1 100.000000"), LatencyTableError(line: 12, problem: .notASlot(51_970_049))),
            (with(11, "80 80 1 75.000000"), LatencyTableError(line: 11, problem: .rowsOutOfOrder)),
            (with(11, "90 90 0 50.000000"), LatencyTableError(line: 11, problem: .emptyRow)),
            (with(11, "90 90 1 74.000000"), LatencyTableError(line: 11, problem: .wrongCumulativePercent("74.000000"))),
            (with(11, "90 90 -1 75.000000"), LatencyTableError(line: 11, problem: .notANumber("-1"))),
            (with(10, "80 80 4 100.000000"), LatencyTableError(line: 11, problem: .countMismatch(header: 4, rows: 5))),
            (with(13, nil), LatencyTableError(line: 13, problem: .truncated)),
            (good.prefix(8).joined(separator: "\n") + "\n", LatencyTableError(line: 9, problem: .truncated)),
            (histogram.table + "more\n", LatencyTableError(line: 14, problem: .textAfterEnd)),
            (histogram.table.replacingOccurrences(of: "\n", with: "\r\n"), LatencyTableError(line: 1, problem: .carriageReturns)),
        ]
        for (text, expected) in cases {
            #expect(throws: expected) { try LatencyHistogram(table: text) }
        }
    }
}
