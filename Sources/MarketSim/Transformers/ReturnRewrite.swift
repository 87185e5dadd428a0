import Foundation

/// Rewrites the close-to-close log returns of a window of bars: how the volatility spike and the
/// correlation breakdown reshape a path.
///
/// Bar `j`'s return is taken from its reference: the previous close, or its own open for bar 0.
/// A bar is described relative to its reference in log terms: the open's offset, the close's
/// offset (the return), the upper wick (high above the body) and the lower wick (low below the
/// body). A rewrite gives every bar a new return, scales the open's offset and both wicks by
/// `shapeScale`, and rebuilds the bar from the new reference (the rewritten previous close), so
/// high ≥ max(open, close) ≥ min(open, close) ≥ low on every rewritten bar.
enum ReturnRewrite {
    /// The log returns of `bars[window]`, each from its reference.
    static func returns(_ bars: [Bar], _ window: Range<Int>) -> [Double] {
        window.map { j in log(bars[j].close / reference(bars, j)) }
    }

    /// Rebuilds `bars[window]` with the log returns `newReturns` (one per bar of the window).
    ///
    /// When the new returns add up to the old ones (the callers' rewrites keep each window's
    /// total return), the window's last close is set back to the original bit for bit, so the bars
    /// after the window, which are not touched, continue from it exactly.
    static func rebuild(_ bars: inout [Bar], _ window: Range<Int>, newReturns: [Double], shapeScale: Double) {
        guard let last = window.last else { return }
        var oldReference = reference(bars, window.lowerBound)
        var newReference = oldReference
        for (k, j) in window.enumerated() {
            let bar = bars[j]
            let openOffset = log(bar.open / oldReference)
            let closeOffset = log(bar.close / oldReference)
            let upperWick = max(0, log(bar.high / oldReference) - max(openOffset, closeOffset))
            let lowerWick = max(0, min(openOffset, closeOffset) - log(bar.low / oldReference))
            let newOpenOffset = shapeScale * openOffset
            let newCloseOffset = newReturns[k]
            var rebuilt = bar
            // Within BarGenerator.priceRange: a large multiplier on large deviations must not
            // reach 0 or infinity (found by fuzz-market: a ×25 spike made a low of 0).
            rebuilt.open = BarGenerator.bounded(newReference * exp(newOpenOffset))
            rebuilt.close = BarGenerator.bounded(newReference * exp(newCloseOffset))
            if j == last, abs(rebuilt.close / bar.close - 1) < 1e-9 {
                rebuilt.close = bar.close
            }
            let top = BarGenerator.bounded(newReference * exp(max(newOpenOffset, newCloseOffset) + shapeScale * upperWick))
            let bottom = BarGenerator.bounded(newReference * exp(min(newOpenOffset, newCloseOffset) - shapeScale * lowerWick))
            rebuilt.high = max(top, rebuilt.open, rebuilt.close)
            rebuilt.low = min(bottom, rebuilt.open, rebuilt.close)
            bars[j] = rebuilt
            oldReference = bar.close
            newReference = rebuilt.close
        }
    }

    /// Bar `j`'s reference price: the previous close, or its own open for the first bar.
    static func reference(_ bars: [Bar], _ j: Int) -> Double {
        j == 0 ? bars[0].open : bars[j - 1].close
    }
}
