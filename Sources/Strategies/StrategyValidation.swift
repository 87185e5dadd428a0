import StrategyVocabulary
import TradingVocabulary

/// One piece a strategy needs at start and does not have.
public enum MissingPiece: Hashable, Sendable {
    /// No exchange connected for this venue.
    case exchange(VenueID)
    /// The venue's exchange does not list the symbol.
    case symbol(Symbol, at: VenueID)
    /// The symbol is listed as futures without an expiry.
    case futuresWithoutExpiry(Symbol, at: VenueID)
    /// A hedge's leg is listed as the wrong kind: cash and carry's leg A must be spot and its
    /// leg B futures; both of a calendar spread's legs must be futures.
    case wrongKind(Symbol, at: VenueID, expected: LegKind)
    /// The hedge's `expiry` parameter is not the listed expiry of its nearer futures leg (B for
    /// cash and carry, A for a calendar spread): its roll point would be off.
    case expiryDiffers(Symbol, at: VenueID, listed: Int64, parameter: Int64)
    /// A calendar spread's leg A does not expire before its leg B.
    case expiriesOutOfOrder(near: Symbol, nearExpiry: Int64, far: Symbol, farExpiry: Int64)
}

/// What a hedge's leg must be listed as.
public enum LegKind: String, Hashable, Sendable {
    case spot, futures
}

/// A strategy that cannot start: which one, and every missing piece (all of them, not the first).
public struct StrategyStartError: Error, Hashable, Sendable {
    public var strategy: StrategyKind
    public var missing: [MissingPiece]

    public init(strategy: StrategyKind, missing: [MissingPiece]) {
        self.strategy = strategy
        self.missing = missing
    }
}

/// Runtime validation: before a strategy starts, every venue and symbol it needs must be there.
public enum StrategyValidation {
    /// Checks `strategy`'s requirements against the exchanges' listings (by venue).
    ///
    /// - Throws: `StrategyStartError` naming the strategy and every missing piece, in
    ///   requirement order.
    public static func validate(_ strategy: Strategy, listings: [VenueID: [ExchangeSymbol]]) throws(StrategyStartError) {
        var missing: [MissingPiece] = []
        var reportedVenues: Set<VenueID> = []
        for (venue, symbol) in strategy.requirements {
            guard let listed = listings[venue] else {
                if reportedVenues.insert(venue).inserted { missing.append(.exchange(venue)) }
                continue
            }
            guard let listing = listed.first(where: { $0.symbol == symbol }) else {
                missing.append(.symbol(symbol, at: venue))
                continue
            }
            if case .futures(expiry: nil) = listing.kind { missing.append(.futuresWithoutExpiry(symbol, at: venue)) }
        }
        if case .hedge(let hedge) = strategy { missing += legProblems(hedge.parameters, listings: listings) }
        guard missing.isEmpty else { throw StrategyStartError(strategy: strategy.kind, missing: missing) }
    }

    /// A hedge's legs against their listings: the kinds its rules assume, the `expiry`
    /// parameter equal to the nearer leg's listed expiry, a calendar's legs in expiry order.
    /// Legs not listed, or futures without an expiry, are reported by `validate` already.
    static func legProblems(_ parameters: HedgeParameters, listings: [VenueID: [ExchangeSymbol]]) -> [MissingPiece] {
        func kind(_ symbol: Symbol, at venue: VenueID) -> ExchangeSymbol.Kind? { listings[venue]?.first { $0.symbol == symbol }?.kind }
        var problems: [MissingPiece] = []
        var expiries: [VenueID: Int64] = [:]
        let legs: [(VenueID, Symbol, LegKind)] = [
            (.a, parameters.legA, parameters.kind == .spotFutures ? .spot : .futures), (.b, parameters.legB, .futures),
        ]
        for (venue, symbol, expected) in legs {
            switch (kind(symbol, at: venue), expected) {
            case (nil, _), (.spot, .spot), (.futures(expiry: nil), .futures): break
            case (.futures(expiry: let expiry?), .futures): expiries[venue] = expiry
            case (.spot, .futures), (.futures, .spot): problems.append(.wrongKind(symbol, at: venue, expected: expected))
            }
        }
        let nearVenue: VenueID = parameters.kind == .spotFutures ? .b : .a
        let nearSymbol = nearVenue == .a ? parameters.legA : parameters.legB
        if let listed = expiries[nearVenue], listed != parameters.expiry {
            problems.append(.expiryDiffers(nearSymbol, at: nearVenue, listed: listed, parameter: parameters.expiry))
        }
        if parameters.kind == .calendarSpread, let near = expiries[.a], let far = expiries[.b], near >= far {
            problems.append(.expiriesOutOfOrder(near: parameters.legA, nearExpiry: near, far: parameters.legB, farExpiry: far))
        }
        return problems
    }
}
