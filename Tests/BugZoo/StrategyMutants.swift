@_spi(BugZoo) import Strategies
@_spi(BugZoo) import TradingChecks

/// Deliberately broken strategies (`StrategyMutation`), each with the minimal counterexample
/// its check must shrink to.
enum StrategyMutants {
    static func marketMaking(_ mutation: StrategyMutation) -> @Sendable (String) -> MarketMakingChecks.Check<MarketMakingSystem> {
        { name in MarketMakingChecks.machine(name: name) { MarketMakingSystem(mutation: mutation) } }
    }

    static func arbitrage(_ mutation: StrategyMutation) -> @Sendable (String) -> ArbitrageChecks.Check<ArbitrageSystem> {
        { name in ArbitrageChecks.machine(name: name) { ArbitrageSystem(mutation: mutation) } }
    }

    static let variants: [ZooVariant] = [
        ZooVariant(
            "arbitrage/leg-left-open-after-reject", "a rejected leg ends the trade as COMPLETED, the other leg left working",
            // B's bid 105 beats A's ask 101 by 4, one tick over the threshold (3): buy A, sell B;
            // the buy is rejected and the sale left working.
            minimum: [
                ".book(.a, BookTicker(bid: 100, bidSize: 1, ask: 101, askSize: 1))", ".book(.b, BookTicker(bid: 105, bidSize: 1, ask: 106, askSize: 1))",
                ".order(.rejected(1, .venue))",
            ], invariant: "no leg left open", arbitrage(.legLeftOpen)),
        ZooVariant(
            "market-making/quotes-cross-when-the-mid-jumps", "new quotes placed while the old ones are still being cancelled",
            // Quotes 18/22 around the first mid 20; a jump of the volatility limit (6) puts the new
            // bid at 24, through the old ask still being cancelled.
            minimum: [".book(.a, BookTicker(bid: 19, bidSize: 1, ask: 21, askSize: 1))", ".book(.a, BookTicker(bid: 25, bidSize: 1, ask: 27, askSize: 1))"],
            invariant: "quotes never cross", marketMaking(.requoteWithoutWaiting)),
        ZooVariant(
            "market-making/resting-quote-after-emergency-stop", "the emergency stop cancels the bids and forgets the asks",
            minimum: [".book(.a, BookTicker(bid: 19, bidSize: 1, ask: 21, askSize: 1))", ".emergencyStop"], invariant: "STOPPED ⇒ every quote being cancelled",
            marketMaking(.stopKeepsAsk)),
        ZooVariant(
            "market-making/order-after-completed", "a book after COMPLETED starts quoting again",
            // The end time before any market completes the maker at once; the next book quotes.
            minimum: [".timer(200)", ".book(.a, BookTicker(bid: 19, bidSize: 1, ask: 21, askSize: 1))"], invariant: "no order after COMPLETED or STOPPED",
            marketMaking(.quotesAfterCompleted)),
    ]
}
