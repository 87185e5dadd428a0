import Certification
import Testing

/// The text exposition format 0.0.4: exact output for a small registry, escaping, names, numbers,
/// histograms, and Prometheus's own checker on the result.
@Suite struct ExpositionFormatTests {
    static let help = "Requests served, with a \\ backslash and \"quotes\"\nover two lines."

    /// Labels that need every escape, a counter family with two series, gauges with the special
    /// values, and a histogram with an overflow bucket.
    static func smallRegistry() throws -> MetricsRegistry {
        var registry = MetricsRegistry()
        try registry.counter("demo_requests_total", help: help, labels: ["path": "/a\"b\\c\nd", "code": "200"], value: 3)
        try registry.counter("demo_requests_total", help: help, labels: ["path": "/", "code": "404"], value: 1)
        try registry.gauge("demo_temperature_celsius", help: "A gauge.", value: -2.5)
        try registry.gauge("demo_level", help: "Special values.", labels: ["kind": "nan"], value: .nan)
        try registry.gauge("demo_level", help: "Special values.", labels: ["kind": "up"], value: .infinity)
        try registry.gauge("demo_level", help: "Special values.", labels: ["kind": "down"], value: -.infinity)
        let latency = try MetricHistogram(
            [
                (upperBound: 0.005, count: 1), (upperBound: 0.01, count: 2), (upperBound: 0.1, count: 0),
                (upperBound: .infinity, count: 1),
            ], counting: .perBucket, sum: 1.0123)
        try registry.histogram("demo_latency_seconds", help: "Latency.", labels: ["op": "read"], latency)
        return registry
    }

    static let expected = #"""
        # HELP demo_requests_total Requests served, with a \\ backslash and "quotes"\nover two lines.
        # TYPE demo_requests_total counter
        demo_requests_total{path="/a\"b\\c\nd",code="200"} 3
        demo_requests_total{path="/",code="404"} 1
        # HELP demo_temperature_celsius A gauge.
        # TYPE demo_temperature_celsius gauge
        demo_temperature_celsius -2.5
        # HELP demo_level Special values.
        # TYPE demo_level gauge
        demo_level{kind="nan"} NaN
        demo_level{kind="up"} +Inf
        demo_level{kind="down"} -Inf
        # HELP demo_latency_seconds Latency.
        # TYPE demo_latency_seconds histogram
        demo_latency_seconds_bucket{op="read",le="0.005"} 1
        demo_latency_seconds_bucket{op="read",le="0.01"} 3
        demo_latency_seconds_bucket{op="read",le="0.1"} 3
        demo_latency_seconds_bucket{op="read",le="+Inf"} 4
        demo_latency_seconds_sum{op="read"} 1.0123
        demo_latency_seconds_count{op="read"} 4

        """#

    @Test func aSmallRegistryRendersToExactlyTheExpectedText() throws {
        let text = try Self.smallRegistry().render()
        #expect(text == Self.expected)
        #expect(text == (try Self.smallRegistry().render()), "the same figures give the same bytes")
        #expect(MetricsRegistry().render() == "")
        #expect(MetricsRegistry.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }

    @Test func escaping() {
        #expect(PrometheusText.escapeLabelValue("a\\b\"c\nd") == #"a\\b\"c\nd"#)
        #expect(PrometheusText.escapeHelp("a\\b\"c\nd") == #"a\\b"c\nd"#)
        #expect(PrometheusText.escapeLabelValue("ünïcode ✓\t") == "ünïcode ✓\t")
    }

    @Test func numbersAreLocaleFreeAndSpelledAsPrometheusWants() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-3, "-3"), (0.005, "0.005"), (2.5, "2.5"), (0.000_01, "1e-05"), (1.5e20, "1.5e+20"),
            (9_007_199_254_740_991, "9007199254740991"), (9_007_199_254_740_992, "9007199254740992.0"), (1e16, "1e+16"),
            (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"), (1.0 / 3.0, "0.3333333333333333"),
        ]
        for (value, text) in cases { #expect(PrometheusText.format(value) == text, "\(value)") }
    }

    @Test func namesAreValidatedAndTheErrorNamesTheBadOne() throws {
        for bad in ["", "1abc", "a-b", "a b", "ä", "demo.total"] {
            var registry = MetricsRegistry()
            #expect(throws: MetricsError.invalidMetricName(bad)) { try registry.gauge(bad, help: "x", value: 1) }
        }
        for good in ["a", "_a", "a:b_c9", ":x"] { #expect(PrometheusText.isValidMetricName(good)) }
        var registry = MetricsRegistry()
        for bad in ["__reserved", "1x", "a-b", "a:b", ""] {
            #expect(throws: MetricsError.invalidLabelName(metric: "demo", label: bad)) { try registry.gauge("demo", help: "x", labels: [bad: "v"], value: 1) }
        }
        #expect(throws: MetricsError.duplicateLabelName(metric: "demo", label: "a")) {
            try registry.gauge("demo", help: "x", labels: ["a": "1", "a": "2"], value: 1)
        }
        #expect(throws: MetricsError.counterWithoutTotalSuffix(name: "demo_requests")) { try registry.counter("demo_requests", help: "x", value: 1) }
        #expect(throws: MetricsError.reservedSuffix(name: "demo_count", suffix: "_count", kind: .gauge)) {
            try registry.gauge("demo_count", help: "x", value: 1)
        }
        #expect(throws: MetricsError.invalidCounterValue(name: "demo_total", value: -1)) { try registry.counter("demo_total", help: "x", value: -1) }
        let histogram = try MetricHistogram([(upperBound: 1, count: 1)], counting: .perBucket, sum: 1)
        #expect(throws: MetricsError.invalidLabelName(metric: "demo_seconds", label: "le")) {
            try registry.histogram("demo_seconds", help: "x", labels: ["le": "1"], histogram)
        }
        #expect(registry.families.isEmpty, "nothing refused was added")
    }

    @Test func familiesStayConsistent() throws {
        var registry = MetricsRegistry()
        try registry.gauge("demo", help: "x", labels: ["a": "1", "b": "2"], value: 1)
        #expect(throws: MetricsError.duplicateSeries(name: "demo", labels: [MetricLabel(name: "b", value: "2"), MetricLabel(name: "a", value: "1")])) {
            try registry.gauge("demo", help: "x", labels: ["b": "2", "a": "1"], value: 2)
        }
        #expect(throws: MetricsError.helpMismatch(name: "demo")) { try registry.gauge("demo", help: "y", labels: ["a": "2"], value: 1) }
        #expect(throws: MetricsError.kindMismatch(name: "demo", registered: .gauge, requested: .histogram)) {
            try registry.histogram("demo", help: "x", try MetricHistogram([], counting: .cumulative, sum: 0))
        }
        try registry.histogram("demo_seconds", help: "x", try MetricHistogram([], counting: .cumulative, sum: 0))
        #expect(throws: MetricsError.reservedSuffix(name: "demo_seconds_bucket", suffix: "_bucket", kind: .gauge)) {
            try registry.gauge("demo_seconds_bucket", help: "x", value: 1)
        }
        // Order is registration order, whatever the names: no dictionary or sort order leaks in.
        try registry.gauge("a_first_alphabetically", help: "x", value: 1)
        #expect(registry.families.map(\.name) == ["demo", "demo_seconds", "a_first_alphabetically"])
        #expect(registry.render().hasSuffix("# TYPE a_first_alphabetically gauge\na_first_alphabetically 1\n"))
        // An empty histogram still has its +Inf bucket, sum and count.
        #expect(registry.render().contains("demo_seconds_bucket{le=\"+Inf\"} 0\ndemo_seconds_sum 0\ndemo_seconds_count 0\n"))
    }

    // MARK: Histograms

    @Test func bucketsAreCumulativeAndEndInPlusInfWithTheCount() throws {
        let perBucket = try MetricHistogram([(upperBound: 1, count: 2), (upperBound: 2, count: 0), (upperBound: 5, count: 3)], counting: .perBucket, sum: 9)
        let cumulative = try MetricHistogram([(upperBound: 1, count: 2), (upperBound: 2, count: 2), (upperBound: 5, count: 5)], counting: .cumulative, sum: 9)
        #expect(perBucket == cumulative)
        #expect(perBucket.buckets.map(\.cumulativeCount) == [2, 2, 5])
        #expect(perBucket.count == 5)

        var registry = MetricsRegistry()
        try registry.histogram("demo_seconds", help: "x", perBucket)
        let lines = registry.render().split(separator: "\n")
        let buckets = lines.filter { $0.hasPrefix("demo_seconds_bucket") }
        #expect(buckets.last == "demo_seconds_bucket{le=\"+Inf\"} 5")
        let counts = buckets.compactMap { $0.split(separator: " ").last.flatMap { UInt64($0) } }
        #expect(counts == counts.sorted(), "cumulative: never decreasing")
        #expect(lines.contains("demo_seconds_count 5"))

        // An explicit +Inf pair is the overflow bucket.
        let overflow = try MetricHistogram([(upperBound: 1, count: 2), (upperBound: .infinity, count: 7)], counting: .cumulative, sum: 20)
        #expect(overflow.buckets.count == 1 && overflow.count == 7)
    }

    @Test func inconsistentBucketsAreRefusedNamingTheBucket() {
        #expect(throws: MetricsError.invalidBucketCount(index: 1, count: 1)) {
            try MetricHistogram([(upperBound: 1, count: 2), (upperBound: 2, count: 1)], counting: .cumulative, sum: 0)
        }
        #expect(throws: MetricsError.invalidBucketBound(index: 1, upperBound: 1)) {
            try MetricHistogram([(upperBound: 1, count: 2), (upperBound: 1, count: 3)], counting: .cumulative, sum: 0)
        }
        #expect(throws: MetricsError.self) { try MetricHistogram([(upperBound: .nan, count: 2)], counting: .cumulative, sum: 0) }
        #expect(throws: MetricsError.invalidBucketBound(index: 1, upperBound: 5)) {
            try MetricHistogram([(upperBound: .infinity, count: 2), (upperBound: 5, count: 3)], counting: .perBucket, sum: 0)
        }
        #expect(throws: MetricsError.countOverflow) {
            try MetricHistogram([(upperBound: 1, count: .max), (upperBound: 2, count: 1)], counting: .perBucket, sum: 0)
        }
        #expect(throws: MetricsError.self) { try MetricHistogram([], counting: .perBucket, sum: .nan) }
    }

    @Test func histogramsFromObservationsNanosecondsAndCoarserBounds() throws {
        // le is inclusive: an observation equal to a bound counts in that bucket.
        let observed = try MetricHistogram(observations: [0.5, 1, 1.5, 10, 100], bounds: [10, 1, 1])
        #expect(observed.buckets.map(\.upperBound) == [1, 10])
        #expect(observed.buckets.map(\.cumulativeCount) == [2, 4])
        #expect(observed.count == 5 && observed.sum == 113)

        // A latency histogram's buckets in nanoseconds become seconds.
        let latency = try MetricHistogram.fromNanoseconds(
            [(upperBoundNanoseconds: 1_000, count: 5), (upperBoundNanoseconds: 1_000_000, count: 2)],
            counting: .perBucket, sumNanoseconds: 2_005_000)
        #expect(latency.buckets.map(\.upperBound) == [0.000_001, 0.001])
        #expect(PrometheusText.format(latency.buckets[0].upperBound) == "1e-06")
        #expect(latency.sum == 0.002_005)

        // Regrouped: a fine bucket that straddles a coarse bound counts in the next coarse bucket up.
        let fine = try MetricHistogram(
            [(upperBound: 1, count: 1), (upperBound: 3, count: 1), (upperBound: 4, count: 1), (upperBound: 12, count: 1)],
            counting: .perBucket, sum: 15)
        let coarse = try fine.rebucketed(to: [2, 4, 10])
        #expect(coarse.buckets.map(\.cumulativeCount) == [1, 3, 3])
        #expect(coarse.count == 4 && coarse.sum == 15)
    }

    // MARK: Prometheus's own checker

    @Test(.enabled(if: Promtool.path != nil, "promtool is not installed here (.ci/run installs the Debian package prometheus)"))
    func promtoolAcceptsTheOutputWithoutWarnings() throws {
        let result = try Promtool.checkMetrics(try Self.smallRegistry().render())
        #expect(result.status == 0, "promtool: \(result.output)")
        #expect(result.output.isEmpty, "promtool: \(result.output)")
    }

    /// The checker bites: text that breaks the conventions we enforce is refused by promtool too.
    @Test(.enabled(if: Promtool.path != nil, "promtool is not installed here (.ci/run installs the Debian package prometheus)"))
    func promtoolRefusesWhatTheRegistryRefuses() throws {
        let noTotal = try Promtool.checkMetrics("# HELP demo_requests x\n# TYPE demo_requests counter\ndemo_requests 1\n")
        #expect(noTotal.status != 0 && noTotal.output.contains("_total"), "promtool: \(noTotal.output)")
        let badEscape = try Promtool.checkMetrics("# HELP demo x\n# TYPE demo gauge\ndemo{a=\"b\nc\"} 1\n")
        #expect(badEscape.status != 0, "an unescaped line feed in a label value: \(badEscape.output)")
    }
}
