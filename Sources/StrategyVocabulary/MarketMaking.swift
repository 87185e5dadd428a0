import ExchangeVocabulary
import TradingVocabulary

/// A market maker's parameters (`docs/strategies.md`, market making). The factory validates
/// them (`StrategyFactory`); the machine assumes they are valid.
public struct MarketMakingParameters: Hashable, Sendable {
    public var symbol: Symbol
    /// Lots per quote, at most `inventoryLimit`.
    public var quoteSize: Lots
    /// Ticks from the mid to each quote, before the skew: at least 1.
    public var halfSpread: Ticks
    /// Inventory stays within ±this, quotes included: > 0.
    public var inventoryLimit: Lots
    /// Ticks both quotes move down per lot held (up per lot short): 0 or more.
    public var skewPerLot: Ticks
    /// A mid move between two books beyond this pulls every quote: > 0.
    public var volatilityLimit: Ticks
    /// At this time (the timer's units) the maker closes: cancels its quotes, flattens.
    public var endsAt: Int64
    /// The first client order id the machine uses; ids then count up.
    public var firstOrderID: ClientOrderID

    public init(
        symbol: Symbol, quoteSize: Lots, halfSpread: Ticks, inventoryLimit: Lots, skewPerLot: Ticks, volatilityLimit: Ticks, endsAt: Int64,
        firstOrderID: ClientOrderID = 1
    ) {
        self.symbol = symbol
        self.quoteSize = quoteSize
        self.halfSpread = halfSpread
        self.inventoryLimit = inventoryLimit
        self.skewPerLot = skewPerLot
        self.volatilityLimit = volatilityLimit
        self.endsAt = endsAt
        self.firstOrderID = firstOrderID
    }
}

/// Why a market maker in a live phase is not quoting.
public enum MarketMakingPull: String, Hashable, Sendable, CaseIterable {
    /// Quoting.
    case none
    /// The mid moved more than the volatility limit: quotes pulled until a calm book.
    case volatility
    /// The risk stack refused a quote: quotes pulled until the next calm book.
    case risk
}

/// Everything observable of a market maker, model and production alike.
public struct MarketMakingObservation: Hashable, Sendable, CustomStringConvertible {
    public var parameters: MarketMakingParameters
    public var phase: StrategyPhase
    public var pull: MarketMakingPull
    /// Signed lots held.
    public var inventory: Int64
    /// The mid of the last tradable book.
    public var lastMid: Ticks?
    /// The latest time seen.
    public var now: Int64
    /// Orders not yet terminal, by id.
    public var live: [TrackedOrder]
    /// Orders placed, and orders that reached a terminal state: placed == finished + live.
    public var placed: Int
    public var finished: Int
    /// Fills that arrived while their order's cancel was in flight (each accounted for).
    public var racingFills: Int

    public init(
        parameters: MarketMakingParameters, phase: StrategyPhase, pull: MarketMakingPull, inventory: Int64, lastMid: Ticks?, now: Int64,
        live: [TrackedOrder], placed: Int, finished: Int, racingFills: Int
    ) {
        self.parameters = parameters
        self.phase = phase
        self.pull = pull
        self.inventory = inventory
        self.lastMid = lastMid
        self.now = now
        self.live = live
        self.placed = placed
        self.finished = finished
        self.racingFills = racingFills
    }

    public var description: String {
        "\(phase) pull \(pull.rawValue) inventory \(inventory) mid \(lastMid.map { String($0.value) } ?? "-") now \(now) placed \(placed) finished \(finished) racing \(racingFills)"
            + live.map { "\n  \($0)" }.joined()
    }
}

/// The market maker's transition table: every phase change a step may make.
public enum MarketMakingTable {
    public static let allowed: Set<PhaseTransition> = {
        var table: Set<PhaseTransition> = [
            PhaseTransition(.idle, .analyzing),
            PhaseTransition(.analyzing, .executing), PhaseTransition(.analyzing, .monitoring),
            PhaseTransition(.executing, .monitoring), PhaseTransition(.executing, .analyzing),
            PhaseTransition(.monitoring, .executing), PhaseTransition(.monitoring, .analyzing),
            PhaseTransition(.closing, .completed),
            PhaseTransition(.error, .closing),
        ]
        // From every live phase: ERROR, CLOSING (the end time), STOPPED (an emergency stop).
        for from in [StrategyPhase.idle, .analyzing, .executing, .monitoring] {
            table.insert(PhaseTransition(from, .error))
            table.insert(PhaseTransition(from, .closing))
            table.insert(PhaseTransition(from, .stopped))
        }
        table.insert(PhaseTransition(.closing, .error))
        table.insert(PhaseTransition(.closing, .stopped))
        return table
    }()
}
