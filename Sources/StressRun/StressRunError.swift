import ExchangeSim
import MarketSim
import TradingVocabulary

/// Why a run could not start (nothing was simulated).
public enum StressRunError: Error, Hashable, Sendable {
    /// The scenario is invalid.
    case scenario(ScenarioError)
    /// The scenario produced no bars for its first symbol.
    case noBars
    /// A configuration field out of range, named.
    case configuration(field: String, allowed: String)
    case faultBounds(VenueFaultBoundsError)
    case venue(VenueConfigurationError)
    /// The risk stack refused to start (its error, described: a user's stack throws its own).
    case riskStack(String)
    /// A symbol's start price cannot be put on the venue's tick grid.
    case unpriceableStart(symbol: Symbol, price: Double)
}
