import TradingVocabulary

/// The symbols and the random stream the risk stack's decision workloads draw from (the flood's
/// and `machines-benchmark`'s): 48 symbols over many sectors, unknown ones among them, and
/// SplitMix64, fast and deterministic.
public enum DecisionUniverse {
    public static let symbols: [Symbol] = [
        "BTC-USD", "ETH-USD", "USDC-USD", "SOL-USD", "ADA-USD", "AVAX-USD", "DOT-USD", "ETC-USD",
        "FTM-USD", "ARB-USD", "OP-USD", "AAVE-USD", "COMP-USD", "UNI-USD", "CRV-USD", "SNX-USD",
        "GMX-USD", "LDO-USD", "BNB-USD", "LINK-USD", "SAND-USD", "MANA-USD", "APE-USD", "DOGE-USD",
        "SHIB-USD", "PEPE-USD", "FET-USD", "TAO-USD", "XMR-USD", "FIL-USD", "GRT-USD", "ICP-USD",
        "NEW1-USD", "NEW2-USD", "NEW3-USD", "NEW4-USD", "XRP-USD", "NEAR-USD", "MKR-USD", "DYDX-USD",
        "WIF-USD", "BONK-USD", "RNDR-USD", "AXS-USD", "IMX-USD", "ZEC-USD", "AR-USD", "OKB-USD",
    ].map(Symbol.init(constant:))

    /// SplitMix64 from `seed`.
    public struct Stream: Sendable {
        private var state: UInt64
        public init(seed: UInt64) { state = seed }

        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A symbol of the universe.
        public mutating func symbol() -> Symbol { DecisionUniverse.symbols[Int(next() % UInt64(DecisionUniverse.symbols.count))] }
    }
}
