import TradingVocabulary

/// Position management: NORMAL, DRAIN or FORCED_UNWIND, derived from the count of positions,
/// the cap and the exit enforcer's forced-unwind flag.
///
/// The machine exists because a live bot once reported "DRAIN MODE ACTIVE" while holding exactly
/// its cap: here the state is recomputed from `excess = count − cap` after every input, so at
/// excess 0 it is NORMAL. Rules and decisions: `docs/machines.md` §1.
public struct PositionManager: Sendable {
    /// What the machine remembers of one position.
    struct Entry: Sendable {
        var pnl: Int64
        var isMarked: Bool
        var entry: UInt64
    }

    var book: [Symbol: Entry]
    var nextEntry: UInt64 = 0
    let sink: any TransitionSink

    /// The cap on the number of positions (default 8).
    public internal(set) var cap: Int = 8
    /// Whether the exit enforcer demands a full unwind.
    public internal(set) var isForced: Bool = false
    /// The current state.
    public internal(set) var state: PositionState = .normal

    /// Creates an empty book with cap 8.
    ///
    /// - Parameters:
    ///   - capacityHint: positions to reserve room for, so the book does not allocate as it grows.
    ///   - sink: where state changes are logged.
    public init(capacityHint: Int = 64, sink: any TransitionSink = NoTransitionSink()) {
        book = Dictionary(minimumCapacity: max(capacityHint, 0))
        self.sink = sink
    }

    /// The number of positions held.
    public var count: Int { book.count }

    /// count − cap; positive means over the cap.
    public var excess: Int { book.count - cap }

    /// Whether the symbol is held.
    public func holds(_ symbol: Symbol) -> Bool { book[symbol] != nil }

    /// Every position, oldest entry first.
    public var positions: [HeldPosition] {
        // One array, sorted in place (`map` then `sorted` built two).
        var positions: [HeldPosition] = []
        positions.reserveCapacity(book.count)
        for (symbol, held) in book {
            positions.append(HeldPosition(symbol: symbol, unrealizedPnL: Cents(held.pnl), isMarked: held.isMarked, entry: held.entry))
        }
        positions.sort { $0.entry < $1.entry }
        return positions
    }

    /// The state the rules derive from the current count, cap and flag.
    var derivedState: PositionState {
        if isForced { return .forcedUnwind }
        return book.count > cap ? .drain : .normal
    }

    /// Recomputes the state and logs a change, once.
    @discardableResult
    mutating func settle() -> PositionTransition? {
        let next = derivedState
        guard next != state else { return nil }
        let transition = PositionTransition(
            from: state, to: next, count: book.count, cap: cap, excess: excess, forced: isForced)
        state = next
        sink.record(.position(transition))
        return transition
    }
}
