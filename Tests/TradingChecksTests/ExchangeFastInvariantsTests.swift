import ExchangeVocabulary
import PropertyCheck
import Testing
import TradingChecks
import TradingModels

/// The exchange check evaluates `ExchangeInvariants.firstViolation(of:)` after every step, not
/// the readable list: the two must name the same first violation on sound observations and on
/// every kind of broken one, and each corruption must break what it is meant to.
@Suite struct ExchangeFastInvariantsTests {
    /// Observations the model reaches, drawn by the check's own generator.
    static let observations: [ExchangeObservation] = {
        var found: [ExchangeObservation] = []
        for seed in 0..<80 {
            var stream = ChoiceStream(seed: UInt64(seed))
            guard let sequence = try? stream.draw(ExchangeChecks.machine.sequences) else { continue }
            found += sequence.steps.map(\.expected.state)
        }
        return found
    }()

    /// One way to break an observation, and the invariant it must break (nil: when it does not
    /// apply to this observation).
    struct Corruption: Sendable, CustomStringConvertible {
        let name: String
        let breaks: String
        let apply: @Sendable (inout ExchangeObservation) -> Bool
        var description: String { name }
    }

    static let corruptions: [Corruption] = [
        Corruption(name: "cash off by one", breaks: "books equation") { o in
            o.account.cash.value += 1
            return true
        },
        Corruption(name: "a fill dropped", breaks: "fill log replays") { o in
            guard !o.fills.isEmpty else { return false }
            o.fills.removeLast()
            return true
        },
        Corruption(name: "a fill booked twice", breaks: "fill log replays") { o in
            guard let last = o.fills.last else { return false }
            o.fills.append(last)
            return true
        },
        Corruption(name: "an order's filled count raised", breaks: "filled == Σ fills ≤ quantity") { o in
            guard let index = o.venueOrders.firstIndex(where: { $0.state == .partiallyFilled }) else { return false }
            o.venueOrders[index].filled.value += 1
            return true
        },
        Corruption(name: "an order's fill price total off by one tick", breaks: "fill price total == Σ price × quantity") { o in
            guard let index = o.venueOrders.firstIndex(where: { $0.filled.value > 0 }) else { return false }
            o.venueOrders[index].fillPriceTotal += 1
            return true
        },
        Corruption(name: "a filled order marked accepted", breaks: "state agrees with filled") { o in
            guard let index = o.venueOrders.firstIndex(where: { $0.state == .filled }) else { return false }
            o.venueOrders[index].state = .accepted
            return true
        },
        Corruption(name: "a limit moved inside its fills", breaks: "no fill beyond a limit") { o in
            for index in o.venueOrders.indices {
                guard case .limit = o.venueOrders[index].request.type,
                    let fill = o.fills.first(where: { $0.orderID == o.venueOrders[index].request.id })
                else { continue }
                let inside = fill.side == .buy ? fill.price.value - 1 : fill.price.value + 1
                o.venueOrders[index].request.type = .limit(Ticks(inside))
                return true
            }
            return false
        },
        Corruption(name: "a fee rounded toward the client", breaks: "fees never toward the client") { o in
            guard let index = o.fills.indices.last, o.fills[index].fee.value > 0 else { return false }
            o.fills[index].fee.value -= 1
            return true
        },
        Corruption(name: "a venue order the client does not track", breaks: "client agrees with venue") { o in
            guard let venue = o.venueOrders.first, let index = o.clientOrders.firstIndex(where: { $0.id == venue.request.id }) else { return false }
            o.clientOrders.remove(at: index)
            return true
        },
        Corruption(name: "a filled order's price total off at the client", breaks: "client agrees with venue") { o in
            guard let index = o.clientOrders.firstIndex(where: { $0.state == .venue(.filled) }) else { return false }
            o.clientOrders[index].fillPriceTotal += 1
            return true
        },
        Corruption(name: "a terminal state the venue does not hold", breaks: "client agrees with venue") { o in
            guard let venue = o.venueOrders.first(where: { $0.state == .canceled }),
                let index = o.clientOrders.firstIndex(where: { $0.id == venue.request.id })
            else { return false }
            o.clientOrders[index].state = .venue(.filled)
            return true
        },
    ]

    @Test func soundObservationsPassBoth() {
        #expect(Self.observations.count > 1_000)
        for o in Self.observations {
            #expect(ExchangeInvariants.firstViolation(of: o) == nil, "\(o)")
            #expect(ExchangeInvariants.state.first { !$0.holds(o) }?.name == nil)
        }
    }

    @Test(arguments: corruptions)
    func fastPathNamesTheSameFirstViolation(_ corruption: Corruption) {
        var applied = 0
        var broke = 0
        for var o in Self.observations where corruption.apply(&o) {
            applied += 1
            let listed = ExchangeInvariants.state.first { !$0.holds(o) }?.name
            #expect(ExchangeInvariants.firstViolation(of: o) == listed, "\(corruption.name) on\n\(o)")
            if ExchangeInvariants.state.contains(where: { $0.name == corruption.breaks && !$0.holds(o) }) { broke += 1 }
        }
        #expect(applied > 0, "\(corruption.name) applied to no observation")
        #expect(broke == applied, "\(corruption.name) broke \(corruption.breaks) in \(broke) of \(applied)")
    }
}
