import Certification
import Foundation
import Testing

/// The fuzz target's seed corpus (`corpus/latency-table/`): each seed's name says what the reader
/// must find in it — `valid-*` a histogram, `bad-*` a `LatencyTableError` with the named problem,
/// `regression-*` (inputs the fuzzer found accepted) an error.
/// `STRESSCHECK_WRITE_LATENCY_SEEDS=1 swift test --filter LatencyTableSeedTests` rewrites them.
@Suite struct LatencyTableSeedTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus/latency-table")

    static func histogram(_ values: [Int64], highest: Int64 = 3_600_000_000_000, digits: Int = 3) throws -> LatencyHistogram {
        var histogram = try LatencyHistogram(highestTrackableValue: highest, significantDigits: digits)
        for value in values { histogram.record(value) }
        return histogram
    }

    static func seeds() throws -> [String: String] {
        let three = try histogram([80, 90, 52_000_000]).table
        let spread = try histogram((1...400).map { Int64($0) * 7_919 }).table
        return [
            "valid-empty": LatencyHistogram().table,
            "valid-three-values": three,
            "valid-spread": spread,
            "valid-saturated": try histogram([5, 1_000, 10_000_000], highest: 1_000_000, digits: 2).table,
            "valid-five-digits": try histogram([1, 99_999, 123_456_789], highest: 1 << 40, digits: 5).table,
            "bad-truncated": String(three.dropLast(4)),
            "bad-not-a-table": "stresscheck-latency-histogram\n",
            "bad-version": three.replacingOccurrences(of: " v1\n", with: " v9\n"),
            // The rows' percentages are checked against the header's count as they are read.
            "bad-count": three.replacingOccurrences(of: "count 3\n", with: "count 4\n"),
            "bad-cumulative-percent": three.replacingOccurrences(of: "66.666666", with: "66.666667"),
            "bad-text-after-end": three + "80 80 1 100.000000\n",
        ]
    }

    @Test func theSeedsAreWhatTheirNamesSay() throws {
        let seeds = try Self.seeds()
        if ProcessInfo.processInfo.environment["STRESSCHECK_WRITE_LATENCY_SEEDS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            for (name, text) in seeds { try Data(text.utf8).write(to: Self.directory.appendingPathComponent(name)) }
        }
        let all = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).sorted()
        let names = all.filter { !$0.hasPrefix("regression-") }
        #expect(names == seeds.keys.sorted())
        for name in all where name.hasPrefix("regression-") {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
            #expect(throws: LatencyTableError.self, "\(name)") { try LatencyHistogram(table: text) }
        }
        let problems: [String: (LatencyTableError.Problem) -> Bool] = [
            "bad-truncated": { $0 == .truncated },
            "bad-not-a-table": { $0 == .notALatencyTable },
            "bad-version": { $0 == .unsupportedVersion("v9") },
            "bad-count": { $0 == .wrongCumulativePercent("33.333333") },
            "bad-cumulative-percent": { if case .wrongCumulativePercent = $0 { true } else { false } },
            "bad-text-after-end": { $0 == .textAfterEnd },
        ]
        for name in names {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text == seeds[name], "\(name) differs from its generator")
            do {
                let histogram = try LatencyHistogram(table: text)
                #expect(name.hasPrefix("valid-") && histogram.table == text, "\(name)")
            } catch {
                let expected = try #require(problems[name], "\(name): \(error)")
                #expect(expected(error.problem), "\(name): \(error)")
            }
        }
    }
}
