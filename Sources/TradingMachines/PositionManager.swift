import TradingVocabulary

/// Position management: NORMAL, DRAIN or FORCED_UNWIND, derived from the count of positions,
/// the cap and the exit enforcer's forced-unwind flag.
///
/// The machine exists because a live bot once reported "DRAIN MODE ACTIVE" while holding exactly
/// its cap: here the state is recomputed from `excess = count − cap` after every input, so at
/// excess 0 it is NORMAL. Rules and decisions: `docs/machines.md` §1.
public struct PositionManager: Sendable {
    /// The positions, oldest entry first (entry numbers only grow, so appending keeps the order).
    ///
    /// A list, not a dictionary keyed by symbol: a book holds at most a few dozen positions, a
    /// scan of them compares a symbol's four words where a lookup hashes it, and `positions` (read
    /// after every input by the checks) is the stored array itself instead of one sorted anew.
    var book: [HeldPosition]
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
        book = []
        book.reserveCapacity(max(capacityHint, 0))
        self.sink = sink
    }

    /// The number of positions held.
    public var count: Int { book.count }

    /// count − cap; positive means over the cap.
    public var excess: Int { book.count - cap }

    /// Whether the symbol is held.
    public func holds(_ symbol: Symbol) -> Bool { index(of: symbol) != nil }

    /// Where `symbol` is in the book, if held.
    func index(of symbol: Symbol) -> Int? { book.firstIndex { $0.symbol == symbol } }

    /// Every position, oldest entry first.
    public var positions: [HeldPosition] { book }

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
