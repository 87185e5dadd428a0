import ExchangeVocabulary
import TradingVocabulary

/// The two hedges: the same machine, opened on a different signal.
public enum HedgeKind: String, Hashable, Sendable, CaseIterable {
    /// Cash and carry: leg A spot, leg B futures; opens only when the basis (B − A) is rich.
    case spotFutures = "spot-futures"
    /// Calendar spread: leg A the nearer expiry, leg B the farther; opens when the spread
    /// strays from its fair value either way.
    case calendarSpread = "calendar-spread"
}

/// A hedge's parameters (`docs/strategies.md`, spot-futures and futures-futures hedging). Leg A's
/// market arrives as venue A's book, leg B's as venue B's (two connections, one exchange or two).
public struct HedgeParameters: Hashable, Sendable {
    public var kind: HedgeKind
    public var legA: Symbol
    public var legB: Symbol
    /// Lots per leg: > 0.
    public var quantity: Lots
    /// The spread's fair value (B's mid − A's mid), ticks: 0 for cash and carry.
    public var fairSpread: Ticks
    /// Open when the spread strays this far from fair (or more): > exit.
    public var entry: Ticks
    /// Close when it is back within this of fair: ≥ 0.
    public var exit: Ticks
    /// The band on the hedge: |A + B| lots beyond it is rebalanced: ≥ 0, < quantity.
    public var tolerance: Lots
    /// How long the opening legs may work (the timer's units): > 0.
    public var legTimeout: Int64
    /// The nearer futures expiry (leg B's for cash and carry, leg A's for a calendar).
    public var expiry: Int64
    /// Close this long before the expiry: ≥ 0, < expiry.
    public var rollBuffer: Int64
    public var firstOrderID: ClientOrderID

    public init(
        kind: HedgeKind, legA: Symbol, legB: Symbol, quantity: Lots, fairSpread: Ticks, entry: Ticks, exit: Ticks, tolerance: Lots, legTimeout: Int64,
        expiry: Int64, rollBuffer: Int64, firstOrderID: ClientOrderID = 1
    ) {
        self.kind = kind
        self.legA = legA
        self.legB = legB
        self.quantity = quantity
        self.fairSpread = fairSpread
        self.entry = entry
        self.exit = exit
        self.tolerance = tolerance
        self.legTimeout = legTimeout
        self.expiry = expiry
        self.rollBuffer = rollBuffer
        self.firstOrderID = firstOrderID
    }

    /// The time from which nothing may be held: the expiry less the buffer.
    @inlinable public var rollAt: Int64 { expiry - rollBuffer }

    /// Which way to open for a spread `deviation` from fair: +1 long A short B, −1 the reverse, 0 none.
    @inlinable
    public func direction(for deviation: Int64) -> Int64 {
        if deviation >= entry.value { return 1 }
        if kind == .calendarSpread, deviation <= -entry.value { return -1 }
        return 0
    }
}

/// Everything observable of a hedge, model and production alike.
public struct HedgeObservation: Hashable, Sendable, CustomStringConvertible {
    public var parameters: HedgeParameters
    public var phase: StrategyPhase
    public var positionA: Int64
    public var positionB: Int64
    public var bookA: BookTicker?
    public var bookB: BookTicker?
    public var now: Int64
    /// +1 long A short B, −1 the reverse, 0 before opening.
    public var direction: Int64
    public var deadline: Int64?
    public var live: [TrackedOrder]
    public var placed: Int
    public var finished: Int
    /// Rebalancing orders placed.
    public var rebalances: Int

    public init(
        parameters: HedgeParameters, phase: StrategyPhase, positionA: Int64, positionB: Int64, bookA: BookTicker?, bookB: BookTicker?, now: Int64,
        direction: Int64, deadline: Int64?, live: [TrackedOrder], placed: Int, finished: Int, rebalances: Int
    ) {
        self.parameters = parameters
        self.phase = phase
        self.positionA = positionA
        self.positionB = positionB
        self.bookA = bookA
        self.bookB = bookB
        self.now = now
        self.direction = direction
        self.deadline = deadline
        self.live = live
        self.placed = placed
        self.finished = finished
        self.rebalances = rebalances
    }

    /// What the legs hold together: zero when the hedge is exact.
    public var net: Int64 { positionA + positionB }

    public var description: String {
        "\(phase) A \(positionA) B \(positionB) direction \(direction) books \(bookA.map(\.description) ?? "-") \(bookB.map(\.description) ?? "-") now \(now) "
            + "deadline \(deadline.map(String.init) ?? "-") placed \(placed) finished \(finished) rebalances \(rebalances)" + live.map { "\n  \($0)" }.joined()
    }
}

/// The hedges' transition table.
public enum HedgeTable {
    public static let allowed: Set<PhaseTransition> = {
        var table: Set<PhaseTransition> = [
            PhaseTransition(.idle, .analyzing), PhaseTransition(.analyzing, .executing), PhaseTransition(.executing, .monitoring),
            PhaseTransition(.executing, .completed), PhaseTransition(.closing, .completed), PhaseTransition(.error, .closing),
        ]
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
