import ExchangeVocabulary
import TradingVocabulary

/// Simple arbitrage's parameters (`docs/strategies.md`, simple arbitrage): one symbol on venues
/// A and B. The factory validates them; the machine assumes they are valid.
public struct ArbitrageParameters: Hashable, Sendable {
    public var symbol: Symbol
    /// Lots per leg: > 0.
    public var quantity: Lots
    /// Each venue's fee per lot, in ticks: 0 or more.
    public var feeA: Ticks
    public var feeB: Ticks
    /// The least profit per lot, in ticks, beyond both fees: > 0.
    public var minimumProfit: Ticks
    /// How long the legs may work before the machine cancels what is left (the timer's units): > 0.
    public var legTimeout: Int64
    public var firstOrderID: ClientOrderID

    public init(symbol: Symbol, quantity: Lots, feeA: Ticks, feeB: Ticks, minimumProfit: Ticks, legTimeout: Int64, firstOrderID: ClientOrderID = 1) {
        self.symbol = symbol
        self.quantity = quantity
        self.feeA = feeA
        self.feeB = feeB
        self.minimumProfit = minimumProfit
        self.legTimeout = legTimeout
        self.firstOrderID = firstOrderID
    }

    /// The edge a cross-venue spread must exceed: both fees plus the minimum profit.
    @inlinable public var threshold: Int64 { feeA.value + feeB.value + minimumProfit.value }
}

/// Everything observable of an arbitrage, model and production alike.
public struct ArbitrageObservation: Hashable, Sendable, CustomStringConvertible {
    public var parameters: ArbitrageParameters
    public var phase: StrategyPhase
    /// Signed lots held at each venue.
    public var positionA: Int64
    public var positionB: Int64
    /// The last tradable book of each venue.
    public var bookA: BookTicker?
    public var bookB: BookTicker?
    public var now: Int64
    /// When the working legs are cancelled, once sent.
    public var deadline: Int64?
    /// A leg ended short of its quantity (rejected or cancelled): the other is cancelled, the excess unwound.
    public var legFailed: Bool
    public var live: [TrackedOrder]
    public var placed: Int
    public var finished: Int
    public var racingFills: Int

    public init(
        parameters: ArbitrageParameters, phase: StrategyPhase, positionA: Int64, positionB: Int64, bookA: BookTicker?, bookB: BookTicker?, now: Int64,
        deadline: Int64?, legFailed: Bool, live: [TrackedOrder], placed: Int, finished: Int, racingFills: Int
    ) {
        self.parameters = parameters
        self.phase = phase
        self.positionA = positionA
        self.positionB = positionB
        self.bookA = bookA
        self.bookB = bookB
        self.now = now
        self.deadline = deadline
        self.legFailed = legFailed
        self.live = live
        self.placed = placed
        self.finished = finished
        self.racingFills = racingFills
    }

    /// The unhedged lots: what A and B hold together.
    public var net: Int64 { positionA + positionB }

    public var description: String {
        "\(phase) A \(positionA) B \(positionB) books \(bookA.map(\.description) ?? "-") \(bookB.map(\.description) ?? "-") now \(now) deadline "
            + "\(deadline.map(String.init) ?? "-") legFailed \(legFailed) placed \(placed) finished \(finished) racing \(racingFills)"
            + live.map { "\n  \($0)" }.joined()
    }
}

/// The arbitrage's transition table.
public enum ArbitrageTable {
    public static let allowed: Set<PhaseTransition> = [
        PhaseTransition(.idle, .analyzing), PhaseTransition(.analyzing, .executing),
        PhaseTransition(.executing, .monitoring), PhaseTransition(.executing, .completed), PhaseTransition(.executing, .closing),
        PhaseTransition(.monitoring, .completed), PhaseTransition(.monitoring, .closing), PhaseTransition(.monitoring, .executing),
        PhaseTransition(.closing, .completed), PhaseTransition(.error, .closing), PhaseTransition(.closing, .error),
        PhaseTransition(.idle, .error), PhaseTransition(.analyzing, .error), PhaseTransition(.executing, .error), PhaseTransition(.monitoring, .error),
        PhaseTransition(.idle, .stopped), PhaseTransition(.analyzing, .stopped), PhaseTransition(.executing, .stopped), PhaseTransition(.monitoring, .stopped),
        PhaseTransition(.closing, .stopped),
    ]
}
