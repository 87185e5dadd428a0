extension SymbolSectorTable {
    /// The default table of common symbols (see `docs/machines.md` §0).
    public static let `default`: SymbolSectorTable = {
        let rows: [(Sector, [String])] = [
            (.bitcoin, ["BTC-USD", "WBTC-USD"]),
            (.ethereum, ["ETH-USD", "WETH-USD"]),
            (.stablecoins, ["USDT-USD", "USDC-USD", "DAI-USD"]),
            (
                .layer1Alt,
                [
                    "SOL-USD", "ADA-USD", "AVAX-USD", "DOT-USD", "ATOM-USD", "NEAR-USD",
                    "ALGO-USD", "XRP-USD", "XLM-USD",
                ]
            ),
            (.layer1EVM, ["ETC-USD", "FTM-USD", "CELO-USD", "KAVA-USD"]),
            (.layer2, ["MATIC-USD", "POL-USD", "ARB-USD", "OP-USD", "IMX-USD", "STRK-USD"]),
            (.defiLending, ["AAVE-USD", "COMP-USD", "MKR-USD"]),
            (.defiDEX, ["UNI-USD", "SUSHI-USD", "CRV-USD", "1INCH-USD"]),
            (.defiDerivatives, ["SNX-USD", "GMX-USD", "DYDX-USD"]),
            (.defiStaking, ["LDO-USD", "RPL-USD"]),
            (.exchangeTokens, ["BNB-USD", "CRO-USD", "OKB-USD"]),
            (.oracles, ["LINK-USD", "BAND-USD", "API3-USD"]),
            (.gamingMetaverse, ["SAND-USD", "MANA-USD", "AXS-USD", "GALA-USD"]),
            (.nftEcosystem, ["APE-USD", "BLUR-USD"]),
            (.memeCoins, ["DOGE-USD", "SHIB-USD", "PEPE-USD", "BONK-USD", "WIF-USD"]),
            (.aiTokens, ["FET-USD", "RNDR-USD", "AGIX-USD", "TAO-USD"]),
            (.privacyCoins, ["XMR-USD", "ZEC-USD", "DASH-USD"]),
            (.infrastructure, ["FIL-USD", "GRT-USD", "AR-USD", "ICP-USD"]),
        ]
        var entries: [Symbol: Sector] = [:]
        for (sector, texts) in rows {
            for text in texts { entries[Symbol(constant: text)] = sector }
        }
        return SymbolSectorTable(entries)
    }()
}
