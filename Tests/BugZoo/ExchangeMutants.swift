@_spi(BugZoo) import ExchangeSim
import PropertyCheck
@_spi(BugZoo) import TradingChecks

/// The simulated exchange's zoo: production with one deliberate bug each (`VenueMutation`), and
/// the minimal counterexample the exchange check must shrink it to. Where two orders of the same
/// commands, or two fills (whole or partial), are equally short, both are listed.
enum ExchangeMutants {
    static func variant(_ mutation: VenueMutation) -> @Sendable (String) -> ExchangeChecks.Check<ExchangeSystem> {
        { name in ExchangeChecks.machine(name: name) { try ExchangeSystem(mutation: mutation) } }
    }

    static func invariant(_ name: String) -> FailureSignature { FailureSignature(.invariantViolated(name)) }
    static func divergence(_ kind: String) -> FailureSignature { FailureSignature(.diverged(command: kind)) }

    static let twoLotMarketBuy = "submit(#1 buy 2 AAA market gtc, 0ms/0ms)"
    static let oneLotQuote = "quote(AAA 999x1 / 1001x1)"

    static let variants: [ZooVariant] = [
        ZooVariant(
            "exchange/slippage-uncapped", "a volatility slippage rate above the 1 000 bp every rate is capped at",
            // σ 11 is one unit past the cap (10 000 % × σ 10 / 100 = 1 000 bp, the cap itself).
            minimum: [
                "configure(fees maker 2bp taker 5bp, slippage volatility(percent: 10000), participation 10000bp, timeout 1s, cancel-on-disconnect false, cash 100000000)",
                "submit(#1 buy 1 AAA stop 1000 gtc, 0ms/0ms)", "advance(0ms)", "bar(AAA o1000 h1000 l1000 c1000 v4 σ11)",
            ], divergesAt: "bar", variant(.slippageUncapped)
        ),
        ZooVariant(
            "exchange/latency-unbounded", "a latency leg longer than a day taken (Int64.max overflows the clock)",
            // One day is the limit; the generator draws one day + 1 ms, the first leg past it. The
            // shortest case needs no order: the refusal comes before the unknown id is looked up.
            minimum: ["cancel(#1, 0ms/86400001ms, hold 0ms)"], divergesAt: "cancel", variant(.latencyUnbounded)
        ),
        ZooVariant(
            "exchange/partial-fill-not-booked", "a partial fill logged but not booked (hftbacktest #316)",
            minimum: [twoLotMarketBuy, oneLotQuote, "advance(0ms)"], invariant: "fill log replays", variant(.partialFillNotBooked)
        )
        .alsoMinimal([
            ([oneLotQuote, twoLotMarketBuy, "advance(0ms)"], invariant("fill log replays")),
            (["submit(#1 buy 2 AAA limit 1001 gtc, 0ms/0ms)", "advance(0ms)", oneLotQuote], invariant("fill log replays")),
            (["submit(#1 buy 2 AAA limit 1000 gtc, 0ms/0ms)", "advance(0ms)", "quote(AAA 998x1 / 1000x1)"], invariant("fill log replays")),
        ]),
        ZooVariant(
            "exchange/price-total-at-last-fill", "an order filled at two prices reports the last as its average",
            // The market buy takes the ask's one lot at 1001, then the next tick, 1002.
            minimum: [twoLotMarketBuy, oneLotQuote, "advance(0ms)"], invariant: "fill price total == Σ price × quantity",
            variant(.priceTotalAtLastFill)
        )
        .alsoMinimal([
            ([oneLotQuote, twoLotMarketBuy, "advance(0ms)"], invariant("fill price total == Σ price × quantity")),
            (["submit(#1 buy 2 AAA limit 1001 gtc, 0ms/0ms)", "advance(0ms)", oneLotQuote], invariant("fill price total == Σ price × quantity")),
            (
                ["submit(#1 buy 2 AAA limit 1000 gtc, 0ms/0ms)", "advance(0ms)", "quote(AAA 998x1 / 1000x1)"],
                invariant("fill price total == Σ price × quantity")
            ),
        ]),
        ZooVariant(
            "exchange/fee-on-order", "the fee charged on the order's quantity at every fill",
            minimum: [twoLotMarketBuy, oneLotQuote, "advance(0ms)"], invariant: "fees never toward the client", variant(.feeOnOrder)
        )
        .alsoMinimal([
            ([oneLotQuote, twoLotMarketBuy, "advance(0ms)"], invariant("fees never toward the client")),
            // As short, but a local minimum in the quantity (3 lots would do: at 2 the fees round alike).
            (
                ["submit(#1 buy 6 AAA limit 1000 gtc, 0ms/0ms)", "advance(0ms)", "quote(AAA 998x1 / 1000x1)"],
                invariant("fees never toward the client")
            ),
            // As short: a stop triggered by the ask, where a fuzzer's crash shrinks to.
            (
                ["submit(#1 buy 2 AAA stop 1000 gtc, 0ms/0ms)", "advance(0ms)", "quote(AAA 999x1 / 1001x1)"],
                invariant("fees never toward the client")
            ),
        ]),
        ZooVariant(
            "exchange/limit-beyond-price", "a limit crossing inside a bar filled at the point's price",
            minimum: ["submit(#1 buy 3 AAA limit 1000 gtc, 0ms/0ms)", "advance(0ms)", "bar(AAA o1000 h1001 l1000 c1000 v4 σ0)"],
            invariant: "no fill beyond a limit", variant(.limitFilledBeyondPrice)
        )
        .alsoMinimal([
            (
                ["submit(#1 buy 2 AAA limit 1000 gtc, 0ms/0ms)", "advance(0ms)", "bar(AAA o1000 h1001 l999 c1000 v4 σ0)"],
                invariant("no fill beyond a limit")
            ),
            (
                ["submit(#1 buy 2 AAA limit 999 gtc, 0ms/0ms)", "advance(0ms)", "bar(AAA o1000 h1000 l999 c1000 v4 σ0)"],
                invariant("no fill beyond a limit")
            ),
        ]),
        ZooVariant(
            "exchange/stop-at-trigger-through-gap", "a stop gapped through at the open filled at its trigger",
            minimum: ["submit(#1 buy 1 AAA stop 1000 gtc, 0ms/0ms)", "advance(0ms)", "bar(AAA o1001 h1001 l1001 c1001 v4 σ0)"],
            divergesAt: "bar", variant(.stopAtTriggerThroughGap)
        )
        .alsoMinimal([(["submit(#1 buy 1 AAA stop 999 gtc, 0ms/0ms)", "advance(0ms)", "bar(AAA o1000 h1000 l1000 c1000 v4 σ0)"], divergence("bar"))]),
        ZooVariant(
            "exchange/fill-after-cancel", "a canceled order left on the book, filled after the cancel was confirmed",
            minimum: ["submit(#1 buy 1 AAA limit 1000 gtc, 0ms/0ms)", "cancel(#1, 0ms/0ms, hold 0ms)", "advance(0ms)", "quote(AAA 998x1 / 1000x1)"],
            invariant: "client agrees with venue", variant(.fillAfterCancel)
        )
        .alsoMinimal([
            (
                [
                    "submit(#1 buy 1 AAA limit 1000 gtc, 0ms/0ms)", "cancel(#1, 0ms/0ms, hold 0ms)", "advance(0ms)",
                    "bar(AAA o1000 h1000 l1000 c1000 v4 σ0)",
                ], invariant("client agrees with venue")
            ),
            (
                ["submit(#1 buy 1 AAA limit 1001 gtc, 0ms/0ms)", "cancel(#1, 0ms/0ms, hold 0ms)", "advance(0ms)", oneLotQuote],
                invariant("client agrees with venue")
            ),
            // Two lots, one filled after the cancel: the order stays CANCELED, its fills grow.
            (
                ["submit(#1 buy 2 AAA limit 1000 gtc, 0ms/0ms)", "cancel(#1, 0ms/0ms, hold 0ms)", "advance(0ms)", "quote(AAA 998x1 / 1000x1)"],
                invariant("terminal orders never change")
            ),
            // The cancel's report still on its way (1 ms): the client holds ACCEPTED, so the
            // venue's CANCELED turning FILLED is what breaks (0 ms would break another invariant).
            (
                ["submit(#1 buy 1 AAA limit 1000 gtc, 0ms/0ms)", "cancel(#1, 0ms/1ms, hold 0ms)", "advance(0ms)", "quote(AAA 998x1 / 1000x1)"],
                invariant("terminal orders never change")
            ),
        ]),
        ZooVariant(
            "exchange/timed-out-resent-as-new", "a timed-out order resent as a new order (a duplicate)",
            minimum: ["submit(#1 buy 1 AAA limit 1000 gtc, 0ms/1001ms)", "advance(1000ms)", "resubmit(#1, 0ms/0ms)"],
            divergesAt: "resubmit", variant(.timedOutResentAsNew)
        )
        .alsoMinimal([(["submit(#1 buy 1 AAA market gtc, 0ms/1001ms)", "advance(1000ms)", "resubmit(#1, 0ms/0ms)"], divergence("resubmit"))]),
        ZooVariant(
            "exchange/rejected-left-open", "a rejected order left in the open orders (its reservation never released)",
            // The first order is one lot beyond what the cash covers (the generator aims at that
            // boundary); rejected, it still reserves, so the next one-lot order is refused too.
            minimum: ["submit(#1 buy 99951 AAA limit 1000 gtc, 0ms/0ms)", "submit(#2 buy 1 AAA limit 1000 gtc, 0ms/0ms)", "advance(0ms)"],
            divergesAt: "advance", variant(.rejectedLeftOpen)
        )
        .alsoMinimal([
            (
                [
                    "submit(#1 buy 99950 AAA limit 1000 gtc, 0ms/0ms, randomReject)", "submit(#2 buy 1 AAA limit 1000 gtc, 0ms/0ms)",
                    "advance(0ms)",
                ], divergence("advance")
            ),
            (
                ["submit(#1 buy 1 AAA limit 1000 gtc, 1ms/0ms)", "submit(#2 buy 99951 AAA limit 1000 gtc, 0ms/0ms)", "advance(1ms)"],
                divergence("advance")
            ),
            // Market orders priced off a quote's ask (1 001): 99 851 lots is one beyond the cash.
            (
                [
                    "quote(AAA 999x1 / 1001x1)", "submit(#1 buy 99851 AAA market gtc, 0ms/0ms)", "submit(#2 buy 1 AAA market gtc, 0ms/0ms)",
                    "advance(0ms)",
                ], divergence("advance")
            ),
        ]),
    ]
}
