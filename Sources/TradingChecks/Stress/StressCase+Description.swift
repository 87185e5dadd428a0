import ExchangeSim
import ExchangeVocabulary
import Foundation
import MarketSim
import PropertyCheck
import StressRun

extension StressCase: CustomStringConvertible {
    /// The case as a failure report prints it: ``lines``, numbered.
    public var description: String {
        lines.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    /// The case, one line per aspect: the scenario and the strategy, the price model, the phases
    /// (bars, moves, conditions that are not calm), the transformers and signal faults, the bars
    /// and their shocks, the venue's faults, the orders, and what broke. A calm aspect says so in
    /// one word (`none`, `calm`).
    public var lines: [String] {
        var lines: [String] = []
        let symbols = scenario.symbols.joined(separator: ", ")
        let source: String =
            switch origin {
            case .generated: "\(scenario.kind.name) (generated)"
            case .library(let name, let seed): "\(scenario.kind.name) (library \(name), seed \(CheckConfiguration.format(seed: seed)))"
            }
        lines.append("\(source), strategy \(strategy), \(StressText.count(scenario.symbols.count, "symbol")): \(symbols), \(scenario.interval) bars")
        lines.append(
            "model \(scenario.model), correlation \(StressText.decimal(scenario.correlation))"
                + (scenario.affectedSectors.isEmpty ? "" : ", affected sectors \(scenario.affectedSectors.map { "\($0)" }.joined(separator: ", "))"))
        lines.append("phases: " + zip(scenario.phases, scenario.barsPerPhase).map { phase(of: $0, bars: $1) }.joined(separator: "; "))
        lines.append("transformers: " + (scenario.transformers.isEmpty ? "none" : scenario.transformers.map { "\($0)" }.joined(separator: "; ")))
        lines.append(
            "signal faults: "
                + (scenario.signalFaults.isEmpty ? "none" : scenario.signalFaults.map { "\($0.kind.rawValue) during \($0.phase)" }.joined(separator: "; ")))
        if let draws {
            lines.append("bars: \(bars) per symbol; shocks: \(draws.shocks) of \(draws.marketChoices) market choices not calm")
            lines.append("venue: " + Self.venue(draws.faults, draws.schedule))
        } else {
            lines.append("bars: \(bars) per symbol")
        }
        switch outcome {
        case .failure(let error):
            lines.append("executor refused the scenario: \(error)")
        case .success(let record):
            lines.append(Self.orders(record))
            lines.append(Self.verdict(record))
        }
        return lines
    }

    private func phase(of phase: CrashPhase, bars: Int) -> String {
        var text = "\(phase.name) \(StressText.count(bars, "bar"))"
        if phase.move != 0 { text += " " + StressText.percent(phase.move) }
        if let market = phase.marketMove, market != 0 { text += " (market " + StressText.percent(market) + ")" }
        let conditions = Self.conditions(phase.conditions)
        if !conditions.isEmpty { text += " [" + conditions + "]" }
        return text
    }

    /// The fields of `c` that are not calm.
    static func conditions(_ c: MarketConditions) -> String {
        var parts: [String] = []
        if c.volatilityMultiplier != 1 { parts.append("vol ×\(StressText.decimal(c.volatilityMultiplier))") }
        if c.liquidity != 1 { parts.append("liquidity \(StressText.decimal(c.liquidity))") }
        if c.spreadMultiplier != 1 { parts.append("spread ×\(StressText.decimal(c.spreadMultiplier))") }
        if c.volumeMultiplier != 1 { parts.append("volume ×\(StressText.decimal(c.volumeMultiplier))") }
        if c.partialFillProbability != 0 { parts.append("partial fills \(StressText.decimal(c.partialFillProbability * 100))%") }
        if c.rejectProbability != 0 { parts.append("rejects \(StressText.decimal(c.rejectProbability * 100))%") }
        if c.latencyMultiplier != 1 { parts.append("latency ×\(StressText.decimal(c.latencyMultiplier))") }
        if c.venueOutage { parts.append("outage") }
        return parts.joined(separator: ", ")
    }

    /// The run's fault mix and windows, or `calm`.
    static func venue(_ f: VenueFaults, _ s: VenueFaultSchedule) -> String {
        var parts: [String] = []
        if f.jitter > .zero { parts.append("jitter ≤ \(f.jitter)") }
        if f.spikePerMille > 0 { parts.append("spikes \(f.spikePerMille)‰ of +\(f.spike)") }
        if f.rejectPerMille > 0 { parts.append("rejects \(f.rejectPerMille)‰") }
        if f.stormRejectPerMille > 0 && !s.rejectStorms.isEmpty { parts.append("storm rejects \(f.stormRejectPerMille)‰") }
        if f.cancelRefusalPerMille > 0 { parts.append("cancel refusals \(f.cancelRefusalPerMille)‰") }
        if f.cancelHold > .zero { parts.append("cancel hold ≤ \(f.cancelHold)") }
        if f.thinPerMille > 0 { parts.append("thin \(f.thinPerMille)‰ in crisis") }
        func windows(_ name: String, _ list: [FaultWindow]) {
            guard !list.isEmpty else { return }
            parts.append(name + " " + list.map { "[+\($0.start), \($0.length)]" }.joined(separator: " "))
        }
        windows("disconnects", s.disconnects)
        windows("reject storms", s.rejectStorms)
        windows("stale books", s.staleBooks)
        return parts.isEmpty ? "calm" : parts.joined(separator: ", ")
    }

    static func orders(_ record: RunRecord) -> String {
        let sent = record.sentOrders
        let buys = sent.count { $0.order.side == .buy }
        var text = "orders: \(sent.count) sent (\(buys) buy\(buys == 1 ? "" : "s"), \(sent.count - buys) sell\(sent.count - buys == 1 ? "" : "s"))"
        text +=
            ", \(record.rejections.count) rejected, \(StressText.count(record.fills.count, "fill")), \(StressText.count(record.executionFailures.count, "execution failure"))"
        text += ", \(StressText.count(record.dataFaults.count, "bad bar")), \(StressText.count(record.emergencyStops.count, "emergency stop"))"
        return text
    }

    static func verdict(_ record: RunRecord) -> String {
        if let first = record.violations.first {
            let more = record.violationCount > 1 ? " (and \(record.violationCount - 1) more)" : ""
            return "violation: \(first.property.rawValue) at +\(first.time - record.start): \(detail(first))" + more
        }
        switch record.liveness {
        case .held(let quiet, let settled): return "liveness: held (quiet from +\(quiet - record.start), settled at +\(settled - record.start))"
        case .notApplicable(.noQuietPeriod): return "liveness: not judged (no quiet period)"
        case .notApplicable(.historicMarket): return "liveness: not judged (historic market)"
        case .notApplicable(.runEndedBeforeDeadline(let quiet, _)):
            return "liveness: not judged (quiet from +\(quiet - record.start); the run ends before the deadline)"
        case .failed(let quiet, let deadline, let reasons):
            return "liveness: failed at +\(deadline - record.start) (quiet from +\(quiet - record.start)): " + reasons.map { "\($0)" }.joined(separator: ", ")
        }
    }

    static func detail(_ violation: SafetyViolation) -> String {
        switch violation {
        case .stateBelowClassification(_, let classification, let before, let state):
            "classified \(classification), super-state \(before) → \(state)"
        case .forbiddenTransition(_, let transition): "\(transition)"
        case .newPositionWhileRestricted(_, let order, let symbol, let state): "buy \(order) of \(symbol) sent in \(state)"
        case .sectorAboveHardCap(_, let order, let sector, let exposure, let cap): "\(order): \(sector) exposure \(exposure) above the hard cap \(cap)"
        case .orderWhileBlocked(_, let order, let mode, let halted): "\(order) sent in \(mode)\(halted ? ", halted" : "")"
        case .booksUnreconciled(_, let mismatch): "\(mismatch)"
        }
    }
}

/// Number formatting for the stress reports.
enum StressText {
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    static func percent(_ fraction: Double) -> String { (fraction > 0 ? "+" : "") + decimal(fraction * 100) + "%" }
    /// A number with at most 4 decimals, no trailing zeros: `0.3`, `12`, `-1.5`.
    static func decimal(_ x: Double) -> String {
        var text = String(format: "%.4f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
