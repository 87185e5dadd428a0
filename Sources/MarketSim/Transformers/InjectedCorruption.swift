import TradingVocabulary

/// One corruption injected by ``DataCorruption``: the bar it was put in and the fault a validator
/// must report for it, at exactly that bar.
///
/// ``DataCorruption`` documents, kind by kind, which bar the fault shows at and why it is
/// detectable.
public struct InjectedCorruption: Hashable, Sendable, CustomStringConvertible {
    /// The series' symbol.
    public var symbol: Symbol
    /// The index of the bar a validator must report (0-based).
    public var barIndex: Int
    /// The fault a validator must report there.
    public var kind: DataFaultKind

    public init(symbol: Symbol, barIndex: Int, kind: DataFaultKind) {
        self.symbol = symbol
        self.barIndex = barIndex
        self.kind = kind
    }

    /// Whether `fault` reports this corruption: same symbol, same bar, same kind.
    public func isReported(by fault: DataFault) -> Bool {
        fault.kind == kind && fault.barIndex == barIndex && fault.symbol == symbol.text
    }

    public var description: String { "\(symbol) bar \(barIndex): \(kind.rawValue)" }
}
