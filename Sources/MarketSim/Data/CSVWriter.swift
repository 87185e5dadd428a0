/// Writes bars as CSV that ``CSVLoader`` reads back to the same values.
///
/// The format: a header `Date,Open,High,Low,Close,Volume`, then one row per bar with its time
/// in ISO 8601 UTC (`2024-01-01T00:01:00Z`, fractional seconds only when there are any), its
/// numbers in Swift's shortest round-trip form (`101.25`, `1e-05`, `nan`, `inf`), `,` between
/// fields and `\n` after each row. Spread and liquidity are not written (CSV has no columns for
/// them; loading gives 0 and 1).
///
/// ```swift
/// let text = CSVWriter.text(series.bars)
/// let again = try CSVLoader.parse(text).bars   // the same times and prices, bit for bit
/// ```
public enum CSVWriter {
    /// The header line, without its line break.
    public static let header = "Date,Open,High,Low,Close,Volume"

    /// One bar's row, without its line break.
    public static func row(_ bar: Bar) -> String {
        "\(bar.time.description),\(bar.open),\(bar.high),\(bar.low),\(bar.close),\(bar.volume)"
    }

    /// The header and a row per bar, each line ending with `\n`.
    ///
    /// - Complexity: O(n); for very long series, write ``header`` and ``row(_:)`` line by line.
    public static func text(_ bars: some Sequence<Bar>) -> String {
        var text = header + "\n"
        for bar in bars {
            text += row(bar)
            text += "\n"
        }
        return text
    }
}
