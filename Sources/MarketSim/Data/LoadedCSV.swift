import TradingVocabulary

/// The bars of one CSV file, as loaded, with the line each came from.
///
/// Bars are kept in file order and as written: nothing is sorted, dropped or repaired, so that
/// ``DataValidator`` can report every fault with its line. CSV has no spread or liquidity:
/// every bar has ``Bar/spreadBps`` 0 and ``Bar/liquidity`` 1 (a calm, fully liquid market).
public struct LoadedCSV: Hashable, Sendable {
    /// The file, as the loader was given it (`<memory>` for bytes parsed from memory).
    public var file: String
    /// How the file is laid out.
    public var layout: CSVLayout
    /// The bars, in file order. Prices are the raw `Open`, `High`, `Low`, `Close`.
    public var bars: [Bar]
    /// The 1-based line of each bar (parallel to ``bars``), strictly increasing.
    public var lines: [Int]
    /// Each bar's `Adj Close` (parallel to ``bars``) when the file has that column, else `nil`.
    /// See ``adjustedBars()``.
    public var adjustedCloses: [Double]?

    /// A loaded file with every property given.
    public init(file: String, layout: CSVLayout, bars: [Bar], lines: [Int], adjustedCloses: [Double]? = nil) {
        self.file = file
        self.layout = layout
        self.bars = bars
        self.lines = lines
        self.adjustedCloses = adjustedCloses
    }

    /// The bars as one symbol's series.
    public func series(symbol: Symbol) -> BarSeries { BarSeries(symbol: symbol, bars: bars) }

    /// The bars with open, high, low and close scaled by `Adj Close / Close` (split- and
    /// dividend-adjusted prices); volume as it is. Without an `Adj Close` column, ``bars``.
    ///
    /// A bar whose ratio is not a finite positive number (a zero or NaN close) keeps its raw
    /// prices, so that the validator still sees what the file holds.
    public func adjustedBars() -> [Bar] {
        guard let adjustedCloses, adjustedCloses.count == bars.count else { return bars }
        return zip(bars, adjustedCloses).map { bar, adjusted in
            let ratio = adjusted / bar.close
            guard ratio.isFinite, ratio > 0 else { return bar }
            var scaled = bar
            scaled.open *= ratio
            scaled.high *= ratio
            scaled.low *= ratio
            scaled.close = adjusted
            return scaled
        }
    }
}
