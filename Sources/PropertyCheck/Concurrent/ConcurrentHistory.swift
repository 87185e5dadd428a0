/// Names one operation of a concurrent case: its lane (0-based) and its place in the lane
/// (0-based). Reports print it 1-based: `lane 2 #1`.
public struct OperationID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let lane: Int
    public let index: Int

    public init(lane: Int, index: Int) {
        self.lane = lane
        self.index = index
    }

    public static func < (a: OperationID, b: OperationID) -> Bool { (a.lane, a.index) < (b.lane, b.index) }

    public var description: String { "lane \(lane + 1) #\(index + 1)" }
}

/// One operation as a lane observed it: the command, the response, and when it was invoked and
/// when it returned, on one clock shared by every lane.
///
/// The clock is logical: a sequentially consistent counter every lane increments just before it
/// invokes and just after the call returns. So `a.returned < b.invoked` means `a` really
/// finished before `b` started (the increment that stamped `a`'s return happens-before the one
/// that stamped `b`'s invocation), and no two stamps are equal: no clock resolution to reason
/// about. Operations whose intervals overlap were concurrent and may take effect in either order.
public struct Operation<Command: Sendable, Response: Sendable>: Sendable {
    public let command: Command
    public let response: Response
    public let invoked: UInt64
    public let returned: UInt64

    public init(command: Command, response: Response, invoked: UInt64, returned: UInt64) {
        self.command = command
        self.response = response
        self.invoked = invoked
        self.returned = returned
    }

    /// Whether this operation finished before `other` began (real-time order).
    @inlinable
    public func precedes(_ other: Operation) -> Bool { returned < other.invoked }
}

/// What one run of a concurrent case observed: the prefix's responses, then every lane's
/// operations in program order.
public struct ConcurrentHistory<Command: Sendable, Response: Sendable>: Sendable {
    /// The prefix, run on one thread before the lanes started: command and response.
    public let prefix: [(command: Command, response: Response)]
    /// The lanes, each in program order.
    public let lanes: [[Operation<Command, Response>]]

    public init(prefix: [(command: Command, response: Response)], lanes: [[Operation<Command, Response>]]) {
        self.prefix = prefix
        self.lanes = lanes
    }

    /// The operation `id` names.
    public subscript(id: OperationID) -> Operation<Command, Response> { lanes[id.lane][id.index] }

    /// Operations in all lanes.
    public var operationCount: Int { lanes.reduce(0) { $0 + $1.count } }
}
