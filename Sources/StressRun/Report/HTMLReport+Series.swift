import MarketSim
import TradingVocabulary

extension HTMLReport {
    static let stateColors: [PortfolioState: String] = [
        .normal: "#9fd59f", .cautious: "#f3e27a", .stressed: "#f3b35f", .crisis: "#e86a5c", .recovery: "#8fb8ea", .emergencyHalt: "#b48ad9",
    ]
    static let modeColors: [TradingModeState: String] = [.off: "#c8c8c8", .dryRun: "#a9d3f0", .liveActive: "#7cc87c"]
    static let sectorColors = ["#2456c8", "#c8246b", "#24a06b", "#c88a24", "#6b24c8", "#249dc8", "#7a7a24", "#c84f24"]

    /// The super-state's and the trading mode's states as bands, from the run's transitions.
    func timeline(_ record: RunRecord, end: SimTime) -> [(name: String, bands: [SVGChart.Band])] {
        let start = record.start
        func bands<State>(
            _ changes: [(time: SimTime, from: State, to: State)], initial: State, name: (State) -> String,
            color: (State) -> String
        ) -> [SVGChart.Band] {
            var result: [SVGChart.Band] = []
            var state = changes.first?.from ?? initial
            var since = start
            for change in changes {
                result.append(SVGChart.Band(from: hours(since, since: start), to: hours(change.time, since: start), label: name(state), color: color(state)))
                state = change.to
                since = change.time
            }
            result.append(SVGChart.Band(from: hours(since, since: start), to: hours(max(end, since), since: start), label: name(state), color: color(state)))
            return result
        }
        let superState = bands(
            record.superStateTransitions.map { ($0.time, $0.value.from, $0.value.to) }, initial: PortfolioState.normal,
            name: \.rawValue, color: { Self.stateColors[$0] ?? "#ddd" })
        let mode = bands(
            record.tradingModeTransitions.map { ($0.time, $0.value.from, $0.value.to) }, initial: TradingModeState.off,
            name: \.rawValue, color: { Self.modeColors[$0] ?? "#ddd" })
        return [("super-state", superState), ("trading mode", mode)]
    }

    /// Each sector's exposure in percent of the portfolio value over time, and a dashed line per
    /// distinct hard cap of the sectors shown.
    func exposure(_ record: RunRecord) -> [SVGChart.Series] {
        let samples = record.sectorExposure
        var sectors: [Sector] = []
        for sample in samples {
            for entry in sample.sectors where !sectors.contains(entry.sector) { sectors.append(entry.sector) }
        }
        let first = samples.first.map { hours($0.time, since: record.start) } ?? 0
        let last = samples.last.map { hours($0.time, since: record.start) } ?? 0
        var series = sectors.enumerated().map { index, sector in
            SVGChart.Series(
                label: sector.rawValue, color: Self.sectorColors[index % Self.sectorColors.count],
                points: samples.compactMap { sample in
                    guard sample.portfolioValue.value > 0 else { return nil }
                    let exposure = sample.sectors.first { $0.sector == sector }?.exposure.value ?? 0
                    return (hours(sample.time, since: record.start), Double(exposure) / Double(sample.portfolioValue.value) * 100)
                })
        }
        var caps: [BasisPoints] = []
        for sector in sectors where !caps.contains(hardCap(sector)) { caps.append(hardCap(sector)) }
        for cap in caps {
            let percent = Double(cap.value) / 100
            series.append(
                SVGChart.Series(
                    label: "hard cap \(HTMLText.decimal(percent, places: 0))%", color: "#b00",
                    points: [(first, percent), (last, percent)], dashed: true))
        }
        return series
    }
}
