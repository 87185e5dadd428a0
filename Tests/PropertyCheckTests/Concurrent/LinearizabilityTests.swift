import PropertyCheck
import Testing

/// The checker on hand-written histories: each with its exact verdict.
@Suite struct LinearizabilityTests {
    /// A register: `write(v)` answers nil, `read` answers the value.
    enum RegisterOp: Equatable, Sendable, CustomStringConvertible {
        case write(Int)
        case read
        var description: String {
            switch self {
            case .write(let value): ".write(\(value))"
            case .read: ".read"
            }
        }
    }

    static func register(_ value: inout Int, _ op: RegisterOp) -> Int? {
        switch op {
        case .write(let new):
            value = new
            return nil
        case .read: return value
        }
    }

    typealias RegisterOperation = Operation<RegisterOp, Int?>

    static func op(_ command: RegisterOp, _ response: Int?, _ invoked: UInt64, _ returned: UInt64) -> RegisterOperation {
        Operation(command: command, response: response, invoked: invoked, returned: returned)
    }

    @Test func aReadAfterAWriteReturnedMustSeeIt() {
        // lane 1 writes 1 during [1, 2]; lane 2 reads 0 during [3, 4], after the write returned.
        let lanes = [[Self.op(.write(1), nil, 1, 2)], [Self.op(.read, 0, 3, 4)]]
        let verdict = Linearizability.check(lanes, from: 0, apply: Self.register)
        let expected = Unexplained<Int?>(
            reason: .responses, longestExplained: [OperationID(lane: 0, index: 0)], operations: 2, explored: 2, completeOrders: 0,
            blocked: [Blocked(operation: OperationID(lane: 1, index: 0), expected: 1)])
        #expect(verdict == .notLinearizable(expected))
    }

    @Test func aReadOverlappingAWriteMaySeeTheOldValue() {
        // The read [2, 3] runs inside the write [1, 4]: it may take effect first.
        let lanes = [[Self.op(.write(1), nil, 1, 4)], [Self.op(.read, 0, 2, 3)]]
        let verdict = Linearizability.check(lanes, from: 0, apply: Self.register)
        #expect(verdict == .linearizable(Linearization(order: [OperationID(lane: 1, index: 0), OperationID(lane: 0, index: 0)], explored: 3)))
    }

    @Test func aReadOverlappingAWriteMaySeeTheNewValue() {
        let lanes = [[Self.op(.write(1), nil, 1, 4)], [Self.op(.read, 1, 2, 3)]]
        let verdict = Linearizability.check(lanes, from: 0, apply: Self.register)
        #expect(verdict == .linearizable(Linearization(order: [OperationID(lane: 0, index: 0), OperationID(lane: 1, index: 0)], explored: 2)))
    }

    @Test func twoReadsCannotSeeTwoWritesInOppositeOrders() {
        // Writes of 1 and 2 overlap each other; two later readers each read twice, one seeing
        // 1 then 2, the other 2 then 1: no single order of the writes explains both.
        let lanes = [
            [Self.op(.write(1), nil, 1, 10)],
            [Self.op(.write(2), nil, 2, 11)],
            [Self.op(.read, 1, 3, 4), Self.op(.read, 2, 12, 13)],
            [Self.op(.read, 2, 5, 6), Self.op(.read, 1, 14, 15)],
        ]
        let verdict = Linearizability.check(lanes, from: 0, apply: Self.register)
        guard case .notLinearizable(let unexplained) = verdict else {
            Issue.record("expected a non-linearizable verdict, got \(verdict)")
            return
        }
        #expect(unexplained.reason == .responses)
        #expect(unexplained.operations == 6)
        #expect(unexplained.longestExplained.count == 5)
    }

    @Test func programOrderWithinALaneIsKept() {
        // One lane writes 1 then 2; a read of 1 overlapping only the second write is fine, a read
        // of 0 after the first write returned is not.
        let good = [[Self.op(.write(1), nil, 1, 2), Self.op(.write(2), nil, 3, 6)], [Self.op(.read, 1, 4, 5)]]
        #expect(Linearizability.check(good, from: 0, apply: Self.register).isLinearizable)
        let bad = [[Self.op(.write(1), nil, 1, 2), Self.op(.write(2), nil, 3, 6)], [Self.op(.read, 0, 4, 5)]]
        #expect(!Linearizability.check(bad, from: 0, apply: Self.register).isLinearizable)
    }

    /// A counter whose increment answers the new value.
    static func counter(_ value: inout Int, _ op: RegisterOp) -> Int? {
        if case .write = op { value += 1 }
        return value
    }

    @Test func twoIncrementsCannotBothAnswerOne() {
        let lanes = [[Self.op(.write(0), 1, 1, 3)], [Self.op(.write(0), 1, 2, 4)]]
        let verdict = Linearizability.check(lanes, from: 0, apply: Self.counter)
        guard case .notLinearizable(let unexplained) = verdict else {
            Issue.record("expected a non-linearizable verdict")
            return
        }
        #expect(unexplained.longestExplained.count == 1)
        #expect(unexplained.blocked.map(\.expected) == [2])
    }

    @Test func theFinalStateMustBeOneALinearizationEndsIn() {
        // Two increments answered 1 and 2, but the system ended at 1 (a lost update).
        let lanes = [[Self.op(.write(0), 1, 1, 3)], [Self.op(.write(0), 2, 2, 4)]]
        #expect(Linearizability.check(lanes, from: 0, apply: Self.counter).isLinearizable)
        let verdict = Linearizability.check(lanes, from: 0, apply: Self.counter, finalState: { $0 == 1 })
        guard case .notLinearizable(let unexplained) = verdict else {
            Issue.record("expected the final state to be unexplained")
            return
        }
        #expect(unexplained.reason == .finalState)
        #expect(unexplained.completeOrders == 1)
        #expect(unexplained.longestExplained == [OperationID(lane: 0, index: 0), OperationID(lane: 1, index: 0)])
    }

    @Test func memoizationBoundsTheSearchAtThreeLanesOfTen() {
        // 30 reads all overlapping, one of them answering a value never written: every order is
        // tried and fails; memoization keeps the states to the 11 × 11 × 11 count vectors.
        var lanes: [[RegisterOperation]] = (0..<3).map { lane in (0..<10).map { Self.op(.read, 0, UInt64(lane * 10 + $0 + 1), 1_000) } }
        lanes[2][9] = Self.op(.read, 7, 30, 1_000)
        let verdict = Linearizability.check(lanes, from: 0, apply: Self.register)
        guard case .notLinearizable(let unexplained) = verdict else {
            Issue.record("expected a non-linearizable verdict")
            return
        }
        #expect(unexplained.explored <= 11 * 11 * 11)
        #expect(unexplained.longestExplained.count == 29)
    }
}
