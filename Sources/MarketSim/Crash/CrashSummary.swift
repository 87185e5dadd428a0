import Foundation
import TradingVocabulary

/// One symbol's crash, measured from its bars (closes unless said otherwise).
///
/// Definitions (the calibration tests and the CLI use exactly these):
/// - **maximum drawdown**: the largest `1 − close / (highest close so far)`;
/// - **peak** and **trough**: the closes that give it (the peak is the last close at that high-water
///   mark, or the first open); a close is timed at its bar's end, the first open at the first
///   bar's start; **time to trough**: trough time − peak time;
/// - **intrabar drawdown**: the largest `1 − low / (highest close so far)` (wicks included);
/// - **retraced**: the share of the fall regained by the last close, `(last − trough)/(peak − trough)`;
/// - **time to half retrace** / **time to recover**: from the trough to the first close at
///   `trough + ½(peak − trough)` / at the peak; `nil` if it never happens;
/// - **phase volatility**: the standard deviation of the close-to-close log returns in each phase;
/// - **down-volume share**: the share of volume traded in falling bars (close < open) from the
///   peak to the trough.
public struct CrashSummary: Hashable, Sendable {
    public let symbol: Symbol
    public let startPrice: Double
    public let finalPrice: Double
    public let peak: Double
    public let peakTime: SimTime
    public let trough: Double
    public let troughTime: SimTime
    public let maxDrawdown: Double
    public let intrabarDrawdown: Double
    public let retraced: Double
    public let timeToHalfRetrace: SimDuration?
    public let timeToRecover: SimDuration?
    public let maxSpreadBps: Double
    public let minSpreadBps: Double
    public let minLiquidity: Double
    /// The largest bar volume over the median bar volume.
    public let peakVolumeRatio: Double
    public let downVolumeShare: Double
    /// Per phase span of the run, the standard deviation of the log returns inside it (0 for a
    /// phase of fewer than 3 bars).
    public let phaseVolatility: [Double]

    /// The time from peak to trough.
    public var timeToTrough: SimDuration { troughTime - peakTime }

    /// Measures `series`; `phases` are the run's phase spans, `interval` its bar length (a close
    /// happens one interval after its bar's opening time; the first open at the first bar's time).
    public init(_ series: BarSeries, phases: [PhaseSpan], interval: SimDuration) {
        let bars = series.bars
        func closeTime(_ i: Int) -> SimTime { bars[i].time + interval }
        precondition(!bars.isEmpty, "a crash summary needs at least one bar")
        symbol = series.symbol
        startPrice = bars[0].open
        finalPrice = bars[bars.count - 1].close
        var runningPeak = bars[0].open
        var runningPeakIndex = -1
        var best = 0.0
        var bestPeak = bars[0].open
        var bestPeakIndex = -1
        var bestTroughIndex = -1
        var intrabar = 0.0
        for (i, bar) in bars.enumerated() {
            intrabar = max(intrabar, 1 - bar.low / runningPeak)
            if bar.close >= runningPeak {
                runningPeak = bar.close
                runningPeakIndex = i
            }
            let dd = 1 - bar.close / runningPeak
            if dd > best {
                best = dd
                bestPeak = runningPeak
                bestPeakIndex = runningPeakIndex
                bestTroughIndex = i
            }
        }
        maxDrawdown = best
        intrabarDrawdown = intrabar
        peak = bestPeak
        // The peak before the first bar is the first open, at the first bar's time.
        peakTime = bestPeakIndex >= 0 ? closeTime(bestPeakIndex) : bars[0].time
        let troughIndex = max(bestTroughIndex, 0)
        trough = bestTroughIndex >= 0 ? bars[troughIndex].close : bestPeak
        troughTime = bestTroughIndex >= 0 ? closeTime(troughIndex) : bars[0].time
        let fall = peak - trough
        retraced = fall > 0 ? (finalPrice - trough) / fall : 0
        var half: SimDuration?
        var full: SimDuration?
        if fall > 0 {
            for i in (troughIndex + 1)..<bars.count {
                if half == nil, bars[i].close >= trough + fall / 2 { half = closeTime(i) - troughTime }
                if bars[i].close >= peak {
                    full = closeTime(i) - troughTime
                    break
                }
            }
        }
        timeToHalfRetrace = half
        timeToRecover = full
        maxSpreadBps = bars.map(\.spreadBps).max() ?? 0
        minSpreadBps = bars.map(\.spreadBps).min() ?? 0
        minLiquidity = bars.map(\.liquidity).min() ?? 1
        let volumes = bars.map(\.volume).sorted()
        let median = volumes[volumes.count / 2]
        peakVolumeRatio = median > 0 ? (volumes.last ?? 0) / median : 0
        let fallBars = bars[max(bestPeakIndex + 1, 0)...troughIndex]
        let fallVolume = fallBars.reduce(0) { $0 + $1.volume }
        downVolumeShare = fallVolume > 0 ? fallBars.filter { $0.close < $0.open }.reduce(0) { $0 + $1.volume } / fallVolume : 0
        phaseVolatility = phases.map { span in
            let returns = span.bars.dropFirst().map { log(bars[$0].close / bars[$0 - 1].close) }
            return returns.count >= 2 ? ReturnStatistics(returns).standardDeviation : 0
        }
    }
}
