import PropertyCheck
import TradingModels
import TradingVocabulary

/// The symbols the checks trade: few enough that duplicates and re-opens are common, and at least
/// one in every one of the 19 sectors (so every group too), plus one the sector table does not
/// know (`other`). A rule broken for one sector alone cannot hide (issue 9 §2); a test holds the
/// list to it. New symbols go at the end: a corpus file's choices keep naming the same symbols.
public enum SymbolUniverse {
    public static let symbols: [Symbol] = [
        "BTC-USD", "ETH-USD", "SOL-USD", "AVAX-USD", "USDC-USD", "ARB-USD", "AAVE-USD", "UNI-USD",
        "DOGE-USD", "FET-USD", "LINK-USD", "XMR-USD", "ZZZ-USD",
        "ETC-USD", "SNX-USD", "LDO-USD", "BNB-USD", "SAND-USD", "APE-USD", "FIL-USD",
    ]

    /// Any symbol of the universe (shrinks toward BTC-USD).
    public static let any: Gen<Symbol> = Gen.element(of: symbols)

    /// One of the held symbols four times in five (when there is one), otherwise any symbol:
    /// exercises both the normal path and the "not held" errors. Drawn imperatively (a pick in
    /// 0…4, then an index), so no generator is built per step.
    public static func draw<Held: Collection>(
        mostlyHeld held: Held, symbol: (Held.Element) -> Symbol,
        from stream: inout ChoiceStream
    ) throws(Rejection) -> Symbol where Held.Index == Int {
        guard !held.isEmpty else { return symbols[try stream.index(below: symbols.count)] }
        if try stream.index(below: 5) < 4 {
            return symbol(held[held.startIndex + (try stream.index(below: held.count))])
        }
        return symbols[try stream.index(below: symbols.count)]
    }
}
