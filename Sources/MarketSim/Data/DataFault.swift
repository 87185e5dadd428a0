/// A fault in market data: what the validator reports, and what the data-corruption transformer
/// injects (each injected corruption names the fault the validator must report for it).
public struct DataFault: Hashable, Sendable, CustomStringConvertible {
    /// The kind of fault.
    public var kind: DataFaultKind
    /// The symbol's series it was found in.
    public var symbol: String
    /// The bar's index in its series (0-based).
    public var barIndex: Int
    /// The line of the file it came from (1-based), when the series was loaded from CSV.
    public var line: Int?
    /// A short explanation with the values involved.
    public var detail: String

    /// A fault of `kind` at bar `barIndex` of `symbol`'s series.
    public init(kind: DataFaultKind, symbol: String, barIndex: Int, line: Int? = nil, detail: String = "") {
        self.kind = kind
        self.symbol = symbol
        self.barIndex = barIndex
        self.line = line
        self.detail = detail
    }

    /// `SYMBOL line L, bar I: kind (detail)`.
    public var description: String {
        let place = line.map { "line \($0), " } ?? ""
        return "\(symbol) \(place)bar \(barIndex): \(kind.rawValue)\(detail.isEmpty ? "" : " (\(detail))")"
    }
}

/// The kinds of data fault.
public enum DataFaultKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// A price or volume is NaN.
    case notANumber
    /// A price or volume is infinite.
    case infinite
    /// A price is zero or negative.
    case nonPositivePrice
    /// High is below low.
    case highBelowLow
    /// Open or close lies outside low…high.
    case priceOutsideRange
    /// Volume is zero.
    case zeroVolume
    /// Volume is negative.
    case negativeVolume
    /// The same timestamp as the bar before.
    case duplicateTimestamp
    /// A timestamp earlier than the bar before.
    case outOfOrderTimestamp
    /// A gap: more than ``ValidationOptions/gapMultiple`` times the series' median step since the
    /// latest bar before; reported at the first bar after the gap.
    case gap
    /// A return beyond k·σ̂ of the returns around it (an outlier spike); its return back is not
    /// reported again (see ``ValidationOptions/spikeSigmas``).
    case spike
}
