/// The linearizability verdict on a concurrent history: is there one sequential order of every
/// operation, consistent with each lane's program order and with real time (an operation that
/// returned before another was invoked comes first), in which the model gives every operation
/// the response the system gave?
///
/// The search is Wing & Gong's, with Lowe's memoization: depth first, it linearizes one more
/// operation at a time, choosing among the operations that may go next (each lane's first
/// pending one, unless some other pending operation returned before it was invoked), applying it
/// to a copy of the model and continuing only when the model's response equals the observed
/// one. A state of the search is the set of operations linearized so far, which lanes make a
/// vector of per-lane counts, and the model's state; a state seen before is not searched again
/// (whatever path reached it, what can follow is the same). So the search visits at most
/// Π(lane length + 1) × (distinct model states) states: 1 331 count vectors for 3 lanes of 10.
public enum Linearizability {
    /// The verdict on `lanes` (each in program order) from the model state `initial`.
    ///
    /// - Parameters:
    ///   - lanes: at most 8 lanes of at most 255 operations each.
    ///   - initial: the model's state when the lanes started (after the prefix).
    ///   - apply: the model: applies a command and returns the response it expects.
    ///   - finalState: when given, a linearization must also end in a model state it accepts (the
    ///     system's state once every lane finished); `nil` accepts any.
    @inlinable
    public static func check<Model: Hashable, Command: Sendable, Response: Equatable & Sendable>(
        _ lanes: [[Operation<Command, Response>]], from initial: Model,
        apply: @escaping (inout Model, Command) -> Response, finalState: ((Model) -> Bool)? = nil
    ) -> LinearizabilityVerdict<Response> {
        precondition(lanes.count <= 8 && lanes.allSatisfy { $0.count <= 255 }, "Linearizability.check: at most 8 lanes of at most 255 operations")
        var search = LinearizationSearch(lanes: lanes, apply: apply, finalState: finalState)
        if search.explore(initial, counts: 0, depth: 0) {
            return .linearizable(Linearization(order: search.path, explored: search.explored))
        }
        return .notLinearizable(search.unexplained())
    }
}

/// The verdict of ``Linearizability/check(_:from:apply:finalState:)``.
public enum LinearizabilityVerdict<Response: Equatable & Sendable>: Equatable, Sendable {
    /// Some order explains every response: the first one found.
    case linearizable(Linearization)
    /// No order does: how far the best one got, and why it stopped.
    case notLinearizable(Unexplained<Response>)

    public var isLinearizable: Bool {
        if case .linearizable = self { return true }
        return false
    }
}

/// An order of every operation that the model explains.
public struct Linearization: Equatable, Sendable {
    /// The operations in the order the model applied them.
    public let order: [OperationID]
    /// Distinct search states (operations linearized × model state) visited to find it.
    public let explored: Int

    public init(order: [OperationID], explored: Int) {
        self.order = order
        self.explored = explored
    }
}

/// Why no order explains a history.
public struct Unexplained<Response: Equatable & Sendable>: Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// No order gives every operation its observed response.
        case responses
        /// Orders explain every response, but none ends in the state the system ended in.
        case finalState
    }

    public let reason: Reason
    /// The longest order the model explains (a prefix of every operation, in program order per
    /// lane and real-time order): where the best attempt got stuck.
    public let longestExplained: [OperationID]
    /// Operations in the history.
    public let operations: Int
    /// Distinct search states (operations linearized × model state) visited: the interleavings
    /// tried, with the ones that share a prefix and a model state counted once.
    public let explored: Int
    /// Orders that explained every response but ended in another state than the system's.
    public let completeOrders: Int
    /// After `longestExplained`, every operation that could have gone next and the response the
    /// model gives it there (each differs from the observed one). Empty for `.finalState`.
    public let blocked: [Blocked<Response>]

    public init(reason: Reason, longestExplained: [OperationID], operations: Int, explored: Int, completeOrders: Int, blocked: [Blocked<Response>]) {
        self.reason = reason
        self.longestExplained = longestExplained
        self.operations = operations
        self.explored = explored
        self.completeOrders = completeOrders
        self.blocked = blocked
    }
}

/// An operation that could go next but whose observed response the model does not give.
public struct Blocked<Response: Equatable & Sendable>: Equatable, Sendable {
    public let operation: OperationID
    /// What the model answers to it there.
    public let expected: Response

    public init(operation: OperationID, expected: Response) {
        self.operation = operation
        self.expected = expected
    }
}

/// The depth-first search of ``Linearizability``. Per-lane counts are packed into one `UInt64`,
/// 8 bits a lane, so a search state hashes as one word and the model.
@usableFromInline
struct LinearizationSearch<Model: Hashable, Command: Sendable, Response: Equatable & Sendable> {
    @usableFromInline
    struct State: Hashable {
        @usableFromInline let counts: UInt64
        @usableFromInline let model: Model
        @inlinable init(counts: UInt64, model: Model) {
            self.counts = counts
            self.model = model
        }
    }

    @usableFromInline let lanes: [[Operation<Command, Response>]]
    @usableFromInline let lengths: [Int]
    @usableFromInline let total: Int
    @usableFromInline let apply: (inout Model, Command) -> Response
    @usableFromInline let finalState: ((Model) -> Bool)?
    @usableFromInline var visited: Set<State> = []
    @usableFromInline var path: [OperationID] = []
    @usableFromInline var explored = 0
    @usableFromInline var completeOrders = 0
    @usableFromInline var longest = -1
    @usableFromInline var longestPath: [OperationID] = []
    @usableFromInline var longestCounts: UInt64 = 0
    @usableFromInline var longestModel: Model?

    @inlinable
    init(lanes: [[Operation<Command, Response>]], apply: @escaping (inout Model, Command) -> Response, finalState: ((Model) -> Bool)?) {
        self.lanes = lanes
        lengths = lanes.map(\.count)
        total = lengths.reduce(0, +)
        self.apply = apply
        self.finalState = finalState
        visited.reserveCapacity(64)
        path.reserveCapacity(total)
    }

    @inlinable
    func count(_ lane: Int, _ counts: UInt64) -> Int { Int(truncatingIfNeeded: (counts >> UInt64(lane &* 8)) & 0xFF) }

    /// Whether lane `lane`'s next operation may be linearized now: no other pending operation
    /// returned before it was invoked. (Each lane's pending operations return in program order,
    /// so its first pending one is the only one to compare with.)
    @inlinable
    func mayGoNext(_ lane: Int, _ counts: UInt64) -> Bool {
        let next = count(lane, counts)
        guard next < lengths[lane] else { return false }
        let invoked = lanes[lane][next].invoked
        for other in lanes.indices where other != lane {
            let pending = count(other, counts)
            if pending < lengths[other] && lanes[other][pending].returned < invoked { return false }
        }
        return true
    }

    /// Searches on from `model` with `counts` linearized (`depth` operations); true when every
    /// operation is linearized (and the final state accepted), `path` then holds the order.
    @inlinable
    mutating func explore(_ model: Model, counts: UInt64, depth: Int) -> Bool {
        if depth > longest {
            longest = depth
            longestPath = path
            longestCounts = counts
            longestModel = model
        }
        if depth == total {
            if let finalState, !finalState(model) {
                completeOrders += 1
                return false
            }
            return true
        }
        guard visited.insert(State(counts: counts, model: model)).inserted else { return false }
        explored += 1
        for lane in lanes.indices where mayGoNext(lane, counts) {
            let index = count(lane, counts)
            var next = model
            guard apply(&next, lanes[lane][index].command) == lanes[lane][index].response else { continue }
            path.append(OperationID(lane: lane, index: index))
            if explore(next, counts: counts &+ (1 << UInt64(lane &* 8)), depth: depth &+ 1) { return true }
            path.removeLast()
        }
        return false
    }

    /// After a failed search: the longest explained order and what blocked it.
    @inlinable
    func unexplained() -> Unexplained<Response> {
        var blocked: [Blocked<Response>] = []
        if longest < total, let model = longestModel {
            for lane in lanes.indices where mayGoNext(lane, longestCounts) {
                let index = count(lane, longestCounts)
                var next = model
                blocked.append(Blocked(operation: OperationID(lane: lane, index: index), expected: apply(&next, lanes[lane][index].command)))
            }
        }
        return Unexplained(
            reason: completeOrders > 0 ? .finalState : .responses, longestExplained: longestPath, operations: total, explored: explored,
            completeOrders: completeOrders, blocked: blocked)
    }
}
