import TradingVocabulary

/// The reference model of position management (`docs/machines.md` §1), written as plainly as
/// possible.
///
/// It stores only the primary facts: the held positions in entry order, the cap, the forced
/// flag, the entry counter and the log. The count, the excess and the state are recomputed from
/// them on every query, so they cannot drift; the original bug (DRAIN at excess 0) cannot be
/// written here without writing it into `state` itself.
public struct PositionModel: Hashable, Sendable {
    /// Held positions, oldest entry first.
    public private(set) var positions: [ObservedPosition] = []
    /// The maximum number of positions the bot itself opens (default 8).
    public private(set) var cap: Int = 8
    /// The exit enforcer's flag.
    public private(set) var isForced: Bool = false
    /// The entry number the next opened or adopted position gets.
    public private(set) var nextEntry: UInt64 = 0
    /// Every state change, oldest first.
    public private(set) var log: [PositionTransition] = []

    /// The documented initial state: nothing held, cap 8, not forced.
    public init() {}

    /// The number of held positions.
    public var count: Int { positions.count }

    /// count − cap (negative when there is room).
    public var excess: Int { positions.count - cap }

    /// FORCED_UNWIND if forced, else DRAIN if excess > 0, else NORMAL.
    public var state: PositionState {
        if isForced { return .forcedUnwind }
        if excess > 0 { return .drain }
        return .normal
    }

    /// Whether the symbol is held.
    public func holds(_ symbol: Symbol) -> Bool {
        positions.contains { $0.symbol == symbol }
    }

    /// The snapshot a differential check compares.
    public var observation: PositionObservation {
        PositionObservation(
            state: state, count: count, cap: cap, excess: excess, isForced: isForced,
            positions: positions, log: log)
    }

    /// The exit orders `cycle()` emits now, without changing anything.
    ///
    /// Positions sorted by (PnL, entry): lowest PnL first (an unmarked position has PnL 0),
    /// ties oldest first. DRAIN takes the first `excess`; FORCED_UNWIND takes all.
    public var exitOrders: [ExitOrder] {
        let ordered = positions.sorted {
            ($0.unrealizedPnL.value, $0.entry) < ($1.unrealizedPnL.value, $1.entry)
        }
        switch state {
        case .normal:
            return []
        case .drain:
            return ordered.prefix(excess).map { ExitOrder(symbol: $0.symbol, reason: .drain) }
        case .forcedUnwind:
            return ordered.map { ExitOrder(symbol: $0.symbol, reason: .forcedUnwind) }
        }
    }

    /// Applies one input and returns what it produced.
    public mutating func apply(_ command: PositionCommand) -> PositionOutcome {
        switch command {
        case .open(let symbol):
            if holds(symbol) { return .error(.alreadyHeld(symbol)) }
            switch state {
            case .forcedUnwind: return .decision(.rejected(.forcedUnwind))
            case .drain: return .decision(.rejected(.draining))
            case .normal: break
            }
            if count >= cap { return .decision(.rejected(.atCapacity)) }
            _ = changingState { $0.enter(symbol) }
            return .decision(.accepted)

        case .adopt(let symbol):
            if holds(symbol) { return .error(.alreadyHeld(symbol)) }
            return .transition(changingState { $0.enter(symbol) })

        case .close(let symbol):
            guard holds(symbol) else { return .error(.notHeld(symbol)) }
            return .transition(changingState { $0.positions.removeAll { $0.symbol == symbol } })

        case .mark(let symbol, let pnl):
            guard let index = positions.firstIndex(where: { $0.symbol == symbol }) else {
                return .error(.notHeld(symbol))
            }
            positions[index].unrealizedPnL = pnl
            positions[index].isMarked = true
            return .done

        case .setCap(let newCap):
            if newCap < 0 { return .error(.negativeCap(newCap)) }
            return .transition(changingState { $0.cap = newCap })

        case .setForcedUnwind(let forced):
            return .transition(changingState { $0.isForced = forced })

        case .cycle:
            return .orders(exitOrders)
        }
    }

    /// Records a new position with the next entry number, unmarked, PnL 0.
    private mutating func enter(_ symbol: Symbol) {
        positions.append(ObservedPosition(symbol: symbol, unrealizedPnL: 0, isMarked: false, entry: nextEntry))
        nextEntry += 1
    }

    /// Runs `change`, then logs and returns the transition if the derived state differs.
    private mutating func changingState(_ change: (inout PositionModel) -> Void) -> PositionTransition? {
        let before = state
        change(&self)
        let after = state
        guard before != after else { return nil }
        let transition = PositionTransition(
            from: before, to: after, count: count, cap: cap, excess: excess, forced: isForced)
        log.append(transition)
        return transition
    }
}
