/// Metrics in the Prometheus text exposition format, version 0.0.4: counters, gauges and
/// histograms, each family with its HELP and TYPE lines, written in a fixed order (families in
/// registration order, samples in the order they were added), so the same figures always give the
/// same bytes.
///
/// Every name and label is validated when it is added, so a registry that exists renders to text
/// that Prometheus parses; the errors name what was refused.
public struct MetricsRegistry: Hashable, Sendable {
    /// The kind of a family, as its TYPE line spells it.
    public enum Kind: String, Hashable, Sendable {
        case counter, gauge, histogram
    }

    /// One metric family: a name, its help text, its kind and its samples (one per label set).
    public struct Family: Hashable, Sendable {
        public let name: String
        public let help: String
        public let kind: Kind
        public fileprivate(set) var series: [Series]
    }

    /// The value of one label set in a family.
    public struct Series: Hashable, Sendable {
        public let labels: [MetricLabel]
        public let value: Value
    }

    /// A counter's or gauge's number, or a histogram.
    public enum Value: Hashable, Sendable {
        case number(Double)
        case histogram(MetricHistogram)
    }

    /// The families, in registration order.
    public private(set) var families: [Family] = []

    public init() {}

    /// The HTTP Content-Type of the rendered text.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    // MARK: Adding samples

    /// Adds a counter sample. The name must end in `_total` (the convention `promtool` checks).
    /// - Throws: `.invalidMetricName`, `.counterWithoutTotalSuffix`, `.invalidLabelName`,
    ///   `.duplicateLabelName`, `.invalidCounterValue` (negative or NaN), `.kindMismatch`,
    ///   `.helpMismatch`, or `.duplicateSeries`.
    public mutating func counter(_ name: String, help: String, labels: KeyValuePairs<String, String> = [:], value: Double) throws(MetricsError) {
        guard name.hasSuffix("_total") else { throw .counterWithoutTotalSuffix(name: name) }
        guard !value.isNaN, value >= 0 else { throw .invalidCounterValue(name: name, value: value) }
        try add(name, help: help, kind: .counter, labels: labels, value: .number(value))
    }

    /// Adds a gauge sample; any value, including infinities and NaN. The reserved suffixes keep a
    /// family's sample names from colliding with a histogram's `_bucket`, `_sum` and `_count`.
    /// - Throws: the name and label errors of ``counter(_:help:labels:value:)``, `.kindMismatch`,
    ///   `.helpMismatch`, `.duplicateSeries`, or `.reservedSuffix` for a name ending in `_total`,
    ///   `_bucket`, `_count` or `_sum`.
    public mutating func gauge(_ name: String, help: String, labels: KeyValuePairs<String, String> = [:], value: Double) throws(MetricsError) {
        try refuseReservedSuffix(name, kind: .gauge)
        try add(name, help: help, kind: .gauge, labels: labels, value: .number(value))
    }

    /// Adds a histogram sample: its `_bucket` series (cumulative, ending in `le="+Inf"`), `_sum`
    /// and `_count`. No label may be called `le`.
    /// - Throws: the errors of ``gauge(_:help:labels:value:)``.
    public mutating func histogram(_ name: String, help: String, labels: KeyValuePairs<String, String> = [:], _ histogram: MetricHistogram) throws(MetricsError)
    {
        try refuseReservedSuffix(name, kind: .histogram)
        if labels.contains(where: { $0.key == "le" }) { throw .invalidLabelName(metric: name, label: "le") }
        try add(name, help: help, kind: .histogram, labels: labels, value: .histogram(histogram))
    }

    private func refuseReservedSuffix(_ name: String, kind: Kind) throws(MetricsError) {
        for suffix in ["_total", "_bucket", "_count", "_sum"] where name.hasSuffix(suffix) {
            throw .reservedSuffix(name: name, suffix: suffix, kind: kind)
        }
    }

    private mutating func add(_ name: String, help: String, kind: Kind, labels: KeyValuePairs<String, String>, value: Value) throws(MetricsError) {
        guard PrometheusText.isValidMetricName(name) else { throw .invalidMetricName(name) }
        var seen: Set<String> = []
        var checked: [MetricLabel] = []
        for (label, labelValue) in labels {
            guard PrometheusText.isValidLabelName(label) else { throw .invalidLabelName(metric: name, label: label) }
            guard seen.insert(label).inserted else { throw .duplicateLabelName(metric: name, label: label) }
            checked.append(MetricLabel(name: label, value: labelValue))
        }
        let series = Series(labels: checked, value: value)
        if let index = families.firstIndex(where: { $0.name == name }) {
            let family = families[index]
            guard family.kind == kind else { throw .kindMismatch(name: name, registered: family.kind, requested: kind) }
            guard family.help == help else { throw .helpMismatch(name: name) }
            // Same label set (in any order) twice would be two samples of one series.
            let key = Set(checked)
            guard !family.series.contains(where: { Set($0.labels) == key }) else { throw .duplicateSeries(name: name, labels: checked) }
            families[index].series.append(series)
        } else {
            families.append(Family(name: name, help: help, kind: kind, series: [series]))
        }
    }

    // MARK: Rendering

    /// The exposition text: for each family a HELP line, a TYPE line and its samples; every line
    /// ends with a line feed. An empty registry renders to the empty string.
    public func render() -> String {
        var text = ""
        for family in families {
            text += "# HELP \(family.name) \(PrometheusText.escapeHelp(family.help))\n"
            text += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for series in family.series {
                switch series.value {
                case .number(let value):
                    text += Self.line(family.name, series.labels, PrometheusText.format(value))
                case .histogram(let histogram):
                    for bucket in histogram.buckets {
                        let le = MetricLabel(name: "le", value: PrometheusText.format(bucket.upperBound))
                        text += Self.line(family.name + "_bucket", series.labels + [le], String(bucket.cumulativeCount))
                    }
                    let infinity = MetricLabel(name: "le", value: "+Inf")
                    text += Self.line(family.name + "_bucket", series.labels + [infinity], String(histogram.count))
                    text += Self.line(family.name + "_sum", series.labels, PrometheusText.format(histogram.sum))
                    text += Self.line(family.name + "_count", series.labels, String(histogram.count))
                }
            }
        }
        return text
    }

    private static func line(_ name: String, _ labels: [MetricLabel], _ value: String) -> String {
        guard !labels.isEmpty else { return "\(name) \(value)\n" }
        let rendered = labels.map { "\($0.name)=\"\(PrometheusText.escapeLabelValue($0.value))\"" }.joined(separator: ",")
        return "\(name){\(rendered)} \(value)\n"
    }
}

/// One label of a sample: a validated name and any UTF-8 value.
public struct MetricLabel: Hashable, Sendable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Why a metric could not be added, or a histogram built: each case names the metric or the value.
public enum MetricsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    case invalidMetricName(String)
    /// Not `[a-zA-Z_][a-zA-Z0-9_]*`, starts with `__` (reserved), or `le` on a histogram.
    case invalidLabelName(metric: String, label: String)
    case duplicateLabelName(metric: String, label: String)
    case counterWithoutTotalSuffix(name: String)
    case reservedSuffix(name: String, suffix: String, kind: MetricsRegistry.Kind)
    case invalidCounterValue(name: String, value: Double)
    case kindMismatch(name: String, registered: MetricsRegistry.Kind, requested: MetricsRegistry.Kind)
    case helpMismatch(name: String)
    case duplicateSeries(name: String, labels: [MetricLabel])
    /// A histogram bound that is NaN, or not above the previous one.
    case invalidBucketBound(index: Int, upperBound: Double)
    /// A cumulative count below the previous one.
    case invalidBucketCount(index: Int, count: UInt64)
    /// The sum of all bucket counts does not fit in 64 bits.
    case countOverflow
    /// A histogram's sum that is NaN.
    case invalidSum(Double)

    public var description: String {
        switch self {
        case .invalidMetricName(let name): "invalid metric name \"\(name)\" (must match [a-zA-Z_:][a-zA-Z0-9_:]*)"
        case .invalidLabelName(let metric, let label):
            "metric \(metric): invalid label name \"\(label)\" (must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __, and not be le on a histogram)"
        case .duplicateLabelName(let metric, let label): "metric \(metric): label \(label) given twice"
        case .counterWithoutTotalSuffix(let name): "counter \(name) must end in _total"
        case .reservedSuffix(let name, let suffix, let kind): "\(kind.rawValue) \(name) must not end in \(suffix)"
        case .invalidCounterValue(let name, let value): "counter \(name) cannot be \(PrometheusText.format(value)) (must be 0 or more)"
        case .kindMismatch(let name, let registered, let requested):
            "metric \(name) is a \(registered.rawValue), cannot add a \(requested.rawValue) sample"
        case .helpMismatch(let name): "metric \(name) registered with a different help text"
        case .duplicateSeries(let name, let labels):
            "metric \(name) already has a sample with labels {\(labels.map { "\($0.name)=\($0.value)" }.joined(separator: ","))}"
        case .invalidBucketBound(let index, let bound): "bucket \(index): upper bound \(PrometheusText.format(bound)) is NaN or not above the previous bound"
        case .invalidBucketCount(let index, let count): "bucket \(index): cumulative count \(count) is below the previous bucket's"
        case .countOverflow: "the histogram's total count does not fit in 64 bits"
        case .invalidSum(let sum): "histogram sum \(PrometheusText.format(sum)) is not a number"
        }
    }
}

/// The lexical rules of the text format: names, escaping and numbers.
public enum PrometheusText {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    public static func isValidMetricName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") }
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, and not starting with `__` (reserved for Prometheus's own use).
    public static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_"), !name.hasPrefix("__") else { return false }
        return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// A label value between its double quotes: backslash, double quote and line feed escaped.
    public static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A HELP text: backslash and line feed escaped (a double quote stays as it is).
    public static func escapeHelp(_ help: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(help.utf8.count)
        for character in help.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A sample value or bucket bound, the same on every machine and in every locale: `+Inf`,
    /// `-Inf` and `NaN` as Prometheus spells them; an integral value below 2⁵³ in magnitude as an
    /// integer (`1`, `-3`, `0`); anything else as the shortest decimal that reads back to the same
    /// double (`0.005`, `1e-05`, `1.5e+20`).
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return value.description
    }
}
