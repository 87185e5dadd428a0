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
        guard missing.isEmpty else { throw StrategyStartError(strategy: strategy.kind, missing: missing) }
    }
}
