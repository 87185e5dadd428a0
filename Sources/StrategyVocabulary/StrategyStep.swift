/// What one event produced: the actions, in order, and the phases passed through. The machine
/// appends to a step the caller owns (and reuses), so that the hot path allocates nothing.
public struct StrategyStep: Hashable, Sendable, CustomStringConvertible {
    public var actions: [StrategyAction]
    public var transitions: [PhaseTransition]

    public init(actions: [StrategyAction] = [], transitions: [PhaseTransition] = []) {
        self.actions = actions
        self.transitions = transitions
    }

    /// Empties the step, keeping its storage.
    @inlinable
    public mutating func removeAll() {
        actions.removeAll(keepingCapacity: true)
        transitions.removeAll(keepingCapacity: true)
    }

    /// The orders placed in this step.
    public var placed: [StrategyOrder] {
        actions.compactMap { if case .place(let order) = $0 { order } else { nil } }
    }

    public var description: String {
        let path = transitions.isEmpty ? "" : " [" + transitions.map(\.description).joined(separator: ", ") + "]"
        return "[" + actions.map(\.description).joined(separator: "; ") + "]" + path
    }
}
