/// What a generator really produces, from a sample: how many draws it discards, how large its
/// values are, which values come up most, and the share of each label you give them.
///
/// A property is only as good as its cases; a generator that filters away most draws, or whose
/// lists are nearly all empty, tests far less than its code suggests. Look before trusting it:
///
/// ```swift
/// let stats = Gen.array(of: Gen.int(in: 0...9)).statistics(samples: 1_000, labels: { list in
///     list.isEmpty ? ["empty"] : list.count > 20 ? ["long"] : []
/// })
/// print(stats.report)
/// ```
public struct GeneratorStatistics: Sendable, Equatable {
    /// A summary of numbers: the least, the mean, three percentiles and the most.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public let minimum: Double
        public let mean: Double
        public let median: Double
        public let p90: Double
        public let p99: Double
        public let maximum: Double

        /// The summary of `values` (all zeros when there are none).
        init(_ values: [Double]) {
            let sorted = values.sorted()
            func percentile(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
            }
            minimum = sorted.first ?? 0
            maximum = sorted.last ?? 0
            mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
            median = percentile(0.5)
            p90 = percentile(0.9)
            p99 = percentile(0.99)
        }

        public var description: String {
            "min \(Self.text(minimum)), mean \(Self.text(mean)), median \(Self.text(median)), p90 \(Self.text(p90)), p99 \(Self.text(p99)), max \(Self.text(maximum))"
        }

        static func text(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.1f", value)
        }
    }

    /// Draws attempted.
    public let samples: Int
    /// The seed the sample was drawn from (the same seed gives the same statistics).
    public let seed: UInt64
    /// Draws the generator discarded (a `filter` that found nothing, too few distinct elements),
    /// by reason.
    public let rejections: [String: Int]
    /// Draws that reached `maxBytes` (their later draws took their simplest values).
    public let overruns: Int
    /// The sizes of the values: their element count for collections, or what `size` measured;
    /// `nil` when neither applies.
    public let size: Summary?
    /// The bytes each value drew from the choice stream.
    public let bytes: Summary
    /// Distinct values among the valid draws (by their printed form).
    public let distinctValues: Int
    /// The most frequent values (printed) and their counts, most frequent first, at most ten.
    public let mostCommon: [Count]
    /// Valid draws per label, for the labels the `labels` function gave.
    public let labels: [String: Int]

    /// A value or label and how many valid draws had it.
    public struct Count: Sendable, Equatable {
        public let value: String
        public let count: Int
    }

    /// Draws the generator kept.
    public var valid: Int { samples - rejected }
    /// Draws it discarded.
    public var rejected: Int { rejections.values.reduce(0, +) }
    /// The share of draws discarded, 0…1.
    public var rejectionRate: Double { samples > 0 ? Double(rejected) / Double(samples) : 0 }

    /// The statistics as a person reads them: one line per figure, shares of the valid draws.
    public var report: String {
        var lines = [
            "\(samples) samples (seed \(CheckConfiguration.format(seed: seed))): \(valid) valid, \(rejected) rejected"
                + " (\(String(format: "%.1f", rejectionRate * 100))%), \(overruns) reached maxBytes"
        ]
        for (reason, count) in rejections.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { lines.append("  rejected: \(count) × \(reason)") }
        if let size { lines.append("  size: \(size)") }
        lines.append("  bytes: \(bytes)")
        lines.append("  distinct values: \(distinctValues) of \(valid)")
        if !mostCommon.isEmpty {
            lines.append("  most common:")
            lines += mostCommon.map { "    \(Self.percent($0.count, of: valid)) \($0.value)" }
        }
        if !labels.isEmpty {
            lines.append("  labels:")
            lines += labels.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "    \(Self.percent($0.value, of: valid)) \($0.key)" }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ count: Int, of total: Int) -> String {
        String(format: "%5.1f%%", total > 0 ? Double(count) * 100 / Double(total) : 0)
    }
}

extension Gen {
    /// Samples `samples` values as a check's random cases are drawn, and reports what came out:
    /// the rejection rate (and why), the sizes, the bytes drawn, the most common values and the
    /// share of each label. See ``GeneratorStatistics``.
    /// - Parameters:
    ///   - samples: Draws to make (at least 1).
    ///   - seed: The seed of the random source; the same seed gives the same statistics.
    ///   - maxBytes: The most bytes one draw may take, as ``CheckConfiguration/maxBytes``.
    ///   - size: The size of a value (`nil`: the element count of a collection, else none).
    ///   - labels: The labels of a value (`nil`: none), counted per valid draw.
    public func statistics(
        samples: Int = 1_000, seed: UInt64 = 0, maxBytes: Int = 16 * 1024, size: ((Value) -> Double)? = nil,
        labels: ((Value) -> [String])? = nil
    ) -> GeneratorStatistics {
        var stream = ChoiceStream(replaying: [], randomTail: true, random: RandomSource(seed: seed), maxBytes: maxBytes)
        var rejections: [String: Int] = [:]
        var overruns = 0
        var sizes: [Double] = []
        var bytes: [Double] = []
        var values: [String: Int] = [:]
        var labelCounts: [String: Int] = [:]
        for _ in 0..<max(samples, 0) {
            stream.reset(randomTail: true)
            let value: Value
            do {
                value = try body(&stream)
            } catch {
                rejections[Self.reason(error), default: 0] += 1
                continue
            }
            if stream.overran { overruns += 1 }
            bytes.append(Double(stream.position))
            if let measured = size.map({ $0(value) }) ?? (value as? any Collection).map({ Double($0.count) }) { sizes.append(measured) }
            values[PrettyPrinter.describe(value, width: .max), default: 0] += 1
            if let labels { for label in Set(labels(value)) { labelCounts[label, default: 0] += 1 } }
        }
        let common = values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map { GeneratorStatistics.Count(value: $0.key, count: $0.value) }
        return GeneratorStatistics(
            samples: max(samples, 0), seed: seed, rejections: rejections, overruns: overruns, size: sizes.isEmpty ? nil : .init(sizes),
            bytes: .init(bytes), distinctValues: values.count, mostCommon: common, labels: labelCounts)
    }

    /// A rejection's reason without its counts, so that draws discarded alike count together.
    static func reason(_ rejection: Rejection) -> String {
        switch rejection {
        case .filterExhausted: "a filter found no acceptable value"
        case .invalidGenerator(let error): "invalid generator: \(error)"
        case .notEnoughDistinct: "too few distinct elements"
        }
    }
}
