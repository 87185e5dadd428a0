import Foundation

/// Multiplies prices by a deterministic factor path: how the flash crash and the pump and dump
/// move a series while keeping its own noise.
///
/// The path is given as the log factor `L(j)` at bar `j`'s close, with `L(start − 1) = 0`. Bar `j`
/// is scaled as if the factor moved from `L(j − 1)` at its open to `L(j)` at its close:
/// open × e^L(j−1), close × e^L(j), high × the larger factor, low × the smaller; high and low
/// are then widened to cover open and close, so high ≥ max(open, close) and low ≤ min(open, close)
/// hold on every bar whose input was consistent (and are restored on one that was not).
enum PriceOverlay {
    /// Scales `bars[start...]` by the factor path `logFactor`.
    static func apply(_ bars: inout [Bar], from start: Int, logFactor: (Int) -> Double) {
        guard start < bars.count else { return }
        var previous = 0.0
        for j in start..<bars.count {
            let current = logFactor(j)
            if previous == 0, current == 0 {
                continue  // factor 1 exactly: the bar stays bit for bit as it was
            }
            let atOpen = exp(previous)
            let atClose = exp(current)
            var bar = bars[j]
            // Within BarGenerator.priceRange, like every simulated price.
            bar.open = BarGenerator.bounded(bar.open * atOpen)
            bar.close = BarGenerator.bounded(bar.close * atClose)
            bar.high = max(BarGenerator.bounded(bar.high * max(atOpen, atClose)), bar.open, bar.close)
            bar.low = min(BarGenerator.bounded(bar.low * min(atOpen, atClose)), bar.open, bar.close)
            bars[j] = bar
            previous = current
        }
    }
}
