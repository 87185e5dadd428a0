import PropertyCheck
import TradingModels
import TradingVocabulary

/// The symbols the checks trade: few enough that duplicates and re-opens are common, spread
/// over sectors and correlated groups, plus one the sector table does not know.
public enum SymbolUniverse {
    public static let symbols: [Symbol] = [
        "BTC-USD", "ETH-USD", "SOL-USD", "AVAX-USD", "USDC-USD", "ARB-USD", "AAVE-USD", "UNI-USD",
        "DOGE-USD", "FET-USD", "LINK-USD", "XMR-USD", "ZZZ-USD",
    ]

    /// Any symbol of the universe (shrinks toward BTC-USD).
    public static let any: Gen<Symbol> = Gen.element(of: symbols)

    /// One of `held` (when there is one) most of the time, otherwise any symbol: exercises
    /// both the normal path and the "not held" errors.
    public static func mostlyHeld(_ held: [Symbol]) -> Gen<Symbol> {
        guard !held.isEmpty else { return any }
        return Gen.frequency([(weight: 4, generator: Gen.element(of: held)), (weight: 1, generator: any)])
    }
}
