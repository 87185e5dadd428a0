import MarketSim
import TradingVocabulary

/// A self-contained HTML report of stress runs: one file, no network, no script, charts as
/// inline SVG. Per scenario: the figures, the equity curve and its drawdown, the super-state and
/// trading-mode timeline, sector exposure over time against the hard caps, and the violations;
/// first, when a property failed, the shrunk failing scenario as the check printed it.
///
/// ```swift
/// let record = try ScenarioExecutor().run(library, strategy: BuyTheDipStrategy())
/// let html = HTMLReport(title: "flash crash", scenarios: [.init(name: library.name, seed: library.seed, record: record)]).render()
/// ```
public struct HTMLReport: Sendable {
    /// One run to show.
    public struct Scenario: Sendable {
        public var name: String
        /// The run's seed; nil for a run on a calm venue (a historic replay's default).
        public var seed: UInt64?
        public var record: RunRecord

        public init(name: String, seed: UInt64?, record: RunRecord) {
            self.name = name
            self.seed = seed
            self.record = record
        }
    }

    public var title: String
    public var scenarios: [Scenario]
    /// The shrunk failing scenario, as printed, when a property failed.
    public var failure: String?
    /// The hard cap each sector is drawn against (the executor's limits; the defaults unless given).
    public var hardCap: @Sendable (Sector) -> BasisPoints

    public init(
        title: String, scenarios: [Scenario], failure: String? = nil,
        hardCap: @escaping @Sendable (Sector) -> BasisPoints = { _ in SectorLimits.default.hard }
    ) {
        self.title = title
        self.scenarios = scenarios
        self.failure = failure
        self.hardCap = hardCap
    }

    /// The whole document.
    public func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(HTMLText.escape(title))</title>"
        html += "<style>\(Self.style)</style></head><body><h1>\(HTMLText.escape(title))</h1>"
        html += "<p class=\"lede\">\(scenarios.count) run\(scenarios.count == 1 ? "" : "s"); "
        html += "\(scenarios.filter { !$0.record.violations.isEmpty }.count) with safety violations.</p>"
        if let failure {
            html += "<section class=\"failure\"><h2>Shrunk failing scenario</h2><pre>\(HTMLText.escape(failure))</pre></section>"
        }
        for scenario in scenarios { html += section(scenario) }
        return html + "</body></html>\n"
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:24px;color:#111;background:#fff}h1{font-size:22px}h2{font-size:17px;margin-top:28px}
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccd;padding:3px 8px;font-size:13px;text-align:right}
        th{background:#eef}pre{background:#f6f6f9;padding:8px;overflow:auto}.failure{border-left:4px solid #c22;padding-left:12px}
        .bad{color:#b00;font-weight:600}svg{display:block;margin:6px 0}
        """

    private func section(_ scenario: Scenario) -> String {
        let record = scenario.record
        let metrics = record.metrics
        let start = record.start
        let curve = record.equityCurve
        let end = curve.last?.time ?? start
        let xs = 0...max(hours(end, since: start), 1e-9)
        var html =
            "<section><h2>\(HTMLText.escape(scenario.name)) — \(HTMLText.escape(record.strategy)), \(record.kind.map { "\($0)" } ?? "historic"), \(scenario.seed.map { "seed \($0)" } ?? "calm venue")</h2>"
        html +=
            "<table><tr><th>PnL</th><th>max drawdown</th><th>trades</th><th>win rate</th><th>emergency stops</th><th>violations</th><th>liveness</th></tr><tr>"
        html += "<td>\(HTMLText.money(record.pnl.value))</td><td>\(HTMLText.decimal(metrics.maxDrawdown * 100, places: 2))%</td>"
        html += "<td>\(metrics.totalTrades)</td><td>\(metrics.winRate.map { HTMLText.decimal($0 * 100, places: 1) + "%" } ?? "-")</td>"
        html += "<td>\(record.emergencyStops.count)</td><td class=\"\(record.violationCount > 0 ? "bad" : "")\">\(record.violationCount)</td>"
        html += "<td>\(Self.describe(record.liveness))</td></tr></table>"
        let chart = SVGChart()
        let equity = curve.map { (x: hours($0.time, since: start), y: Double($0.equity.value) / 100) }
        html += chart.lines([SVGChart.Series(label: "equity", color: "#2456c8", points: equity)], title: "equity", xs: xs) {
            HTMLText.decimal($0, places: 0)
        }
        html += chart.lines([SVGChart.Series(label: "drawdown %", color: "#c23b22", points: drawdown(equity))], title: "drawdown", xs: xs) {
            HTMLText.decimal($0, places: 3) + "%"
        }
        html += chart.timeline(timeline(record, end: end), title: "super-state and trading mode", xs: xs)
        html += chart.lines(exposure(record), title: "sector exposure against the hard caps", xs: xs) {
            HTMLText.decimal($0, places: 2) + "%"
        }
        if !record.violations.isEmpty {
            html += "<h3>Violations</h3><pre>" + record.violations.prefix(20).map { HTMLText.escape(String(describing: $0)) }.joined(separator: "\n") + "</pre>"
        }
        return html + "</section>"
    }

    /// Hours from `start` to `time`: the charts' x axis.
    func hours(_ time: SimTime, since start: SimTime) -> Double { Double((time - start).nanoseconds) / 3.6e12 }

    /// The fall from the running peak, in percent of the peak.
    private func drawdown(_ equity: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        var peak = -Double.infinity
        return equity.map { point in
            peak = max(peak, point.y)
            return (point.x, peak > 0 ? -(peak - point.y) / peak * 100 : 0)
        }
    }

    private static func describe(_ verdict: LivenessVerdict) -> String {
        switch verdict {
        case .held: "held"
        case .notApplicable: "n/a"
        case .failed(_, _, let reasons): "<span class=\"bad\">failed (\(reasons.count))</span>"
        }
    }
}
