import ExchangeVocabulary
import PropertyCheck
import StrategyVocabulary

/// Draws shared by the strategies' checks: order reports about the orders a model tracks.
enum StrategyGen {
    /// One of `orders` that `accepts` takes; the kinds that use it are available only when one exists.
    static func pick(_ orders: [TrackedOrder], _ stream: inout ChoiceStream, where accepts: (TrackedOrder) -> Bool) throws(Rejection) -> TrackedOrder {
        let candidates = orders.filter(accepts)
        return candidates[try stream.index(below: candidates.count)]
    }

    /// A fill of the whole remainder, one lot less, one lot, or (rarely) one more than remains:
    /// an overfill, which the strategy must treat as an error.
    static func fill(_ orders: [TrackedOrder], price: Ticks, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        let order = try pick(orders, &stream) { _ in true }
        let remaining = order.remaining.value
        let sizes: [Int64] = [remaining, max(remaining - 1, 1), 1, remaining + 1]
        let size = sizes[try stream.index(below: try stream.index(below: 16) == 15 ? 4 : 3)]
        return .order(.filled(order.order.id, quantity: Lots(size), price: order.order.limit ?? price))
    }

    /// A report about an order never placed (the next id), or a late one about a finished order.
    static func stray(first: UInt64, next: UInt64, working: (UInt64) -> Bool, _ stream: inout ChoiceStream) throws(Rejection) -> StrategyEvent {
        let finished = (first..<next).filter { !working($0) }
        if try stream.index(below: 2) == 1, !finished.isEmpty {
            return .order(.canceled(ClientOrderID(finished[try stream.index(below: finished.count)])))
        }
        return .order(.accepted(ClientOrderID(next)))
    }

    /// The venue-fault kinds every strategy check draws (acknowledgements, fills, cancels
    /// confirmed or failed, rejections of every cause), over the orders `orders(model)` tracks.
    /// First in the kinds list: the engine gives an unavailable kind's draw to the next kind.
    static func reports<Model>(
        orders: @escaping @Sendable (Model) -> [TrackedOrder], fillPrice: @escaping @Sendable (Model) -> Ticks
    ) -> [CommandKind<Model, StrategyEvent>] {
        [
            CommandKind(
                "accepted", weight: 48, when: { orders($0).contains { $0.state == .sent } },
                drawing: { model, stream throws(Rejection) in .order(.accepted(try pick(orders(model), &stream) { $0.state == .sent }.order.id)) }),
            CommandKind(
                "filled", weight: 40, when: { !orders($0).isEmpty },
                drawing: { model, stream throws(Rejection) in try fill(orders(model), price: fillPrice(model), &stream) }
            ),
            CommandKind(
                "canceled", weight: 32, when: { orders($0).contains { $0.state == .cancelRequested } },
                drawing: { model, stream throws(Rejection) in .order(.canceled(try pick(orders(model), &stream) { $0.state == .cancelRequested }.order.id)) }),
            CommandKind(
                "rejected", weight: 6, when: { orders($0).contains { $0.state == .sent } },
                drawing: { model, stream throws(Rejection) in
                    let order = try pick(orders(model), &stream) { $0.state == .sent }
                    return .order(.rejected(order.order.id, RejectionCause.allCases[try stream.index(below: RejectionCause.allCases.count)]))
                }),
            CommandKind(
                "cancelFailed", weight: 6, when: { orders($0).contains { $0.state == .cancelRequested } },
                drawing: { model, stream throws(Rejection) in .order(.cancelFailed(try pick(orders(model), &stream) { $0.state == .cancelRequested }.order.id))
                }),
        ]
    }
}
