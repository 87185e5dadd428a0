/// One logged change of the position-management state, with the values after the input.
public struct PositionTransition: Hashable, Sendable, Codable {
    public var from: PositionState
    public var to: PositionState
    public var count: Int
    public var cap: Int
    public var excess: Int
    public var forced: Bool

    public init(from: PositionState, to: PositionState, count: Int, cap: Int, excess: Int, forced: Bool) {
        self.from = from
        self.to = to
        self.count = count
        self.cap = cap
        self.excess = excess
        self.forced = forced
    }
}
