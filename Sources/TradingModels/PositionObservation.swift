import TradingVocabulary

/// Everything position management exposes publicly, as one comparable snapshot.
public struct PositionObservation: Hashable, Sendable, CustomStringConvertible {
    public var state: PositionState
    public var count: Int
    public var cap: Int
    /// count − cap; may be negative.
    public var excess: Int
    public var isForced: Bool
    /// Held positions in entry order (oldest first).
    public var positions: [ObservedPosition]
    /// Every logged state change since the start, oldest first.
    public var log: [PositionTransition]

    public init(
        state: PositionState, count: Int, cap: Int, excess: Int, isForced: Bool,
        positions: [ObservedPosition], log: [PositionTransition]
    ) {
        self.state = state
        self.count = count
        self.cap = cap
        self.excess = excess
        self.isForced = isForced
        self.positions = positions
        self.log = log
    }

    public var description: String {
        "\(state.rawValue) count \(count) cap \(cap) excess \(excess) forced \(isForced) "
            + "positions [\(positions.map(\.description).joined(separator: ", "))] log \(log.count)"
    }
}
