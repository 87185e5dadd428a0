// The worked example of docs/stateful.md, compiled and run here: each block between
// `// docs/stateful.md:begin <name>` and `// docs/stateful.md:end` is in the document word for
// word (StatefulDocTests checks it), so what a newcomer copies compiles and does what it says.
import Foundation
import PropertyCheckTesting
import Testing

// docs/stateful.md:begin queue
/// A queue of at most `capacity` integers in a ring buffer: the system under test.
struct BoundedQueue {
    private var slots: [Int]
    private var head = 0
    private(set) var count = 0

    init(capacity: Int) { slots = Array(repeating: 0, count: capacity) }

    /// Adds `value` at the back; false (and nothing changes) when the queue is full.
    mutating func push(_ value: Int) -> Bool {
        guard count < slots.count else { return false }
        slots[count % slots.count] = value  // the bug: the back is at (head + count)
        count += 1
        return true
    }

    /// Removes and returns the front value; nil when the queue is empty.
    mutating func pop() -> Int? {
        guard count > 0 else { return nil }
        let value = slots[head]
        head = (head + 1) % slots.count
        count -= 1
        return value
    }
}
// docs/stateful.md:end

// docs/stateful.md:begin check
/// What a test does to the queue.
enum QueueCommand: Equatable, Sendable {
    case push(Int)
    case pop
}

/// What one command observed: its reply, and the queue's size after it.
struct QueueObservation: Equatable, Sendable {
    enum Reply: Equatable, Sendable {
        case accepted(Bool)
        case popped(Int?)
    }
    var reply: Reply
    var size: Int
}

enum BoundedQueueCheck {
    static let capacity = 3

    /// The model is a plain array: obviously right, and slow, which does not matter here.
    static let machine: StateMachineCheck<[Int], BoundedQueue, QueueCommand, QueueObservation> = {
        var check = StateMachineCheck<[Int], BoundedQueue, QueueCommand, QueueObservation>(
            name: "bounded-queue",
            model: { [] },
            system: { BoundedQueue(capacity: capacity) },
            commands: [
                CommandKind("push") { _ in Gen.int(in: 0...9).map(QueueCommand.push) },
                CommandKind("pop", when: { !$0.isEmpty }) { _ in .constant(.pop) },
            ],
            runModel: { items, command in
                switch command {
                case .push(let value):
                    let accepted = items.count < capacity
                    if accepted { items.append(value) }
                    return QueueObservation(reply: .accepted(accepted), size: items.count)
                case .pop:
                    let value = items.isEmpty ? nil : items.removeFirst()
                    return QueueObservation(reply: .popped(value), size: items.count)
                }
            },
            runSystem: { queue, command in
                switch command {
                case .push(let value): QueueObservation(reply: .accepted(queue.push(value)), size: queue.count)
                case .pop: QueueObservation(reply: .popped(queue.pop()), size: queue.count)
                }
            },
            invariants: [StateInvariant("size within capacity") { (0...capacity).contains($0.size) }],
            labels: [CaseLabel("full") { $0.size == capacity }])
        check.regressionExpression = "BoundedQueueCheck.machine"
        return check
    }()
}
// docs/stateful.md:end

/// The document's test fails by design (the queue above has the bug the document finds): this
/// trait runs each test of the suite expecting exactly the failure the document shows, so the
/// test fails if the check stops finding the bug, or finds it less well shrunk.
struct ExpectingTheDocumentedFailure: TestTrait, SuiteTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard !test.isSuite else { return try await function() }
        try await withKnownIssue {
            try await function()
        } matching: { issue in
            issue.comments.contains { comment in
                comment.rawValue.contains(StatefulDocTests.shrunkCounterexample)
                    && comment.rawValue.contains("try BoundedQueueCheck.machine.replay([")
            }
        }
    }
}

/// No corpus: the expected failure is not saved into the package's `corpus/` at every run.
@Suite(.corpus(.none), ExpectingTheDocumentedFailure()) struct BoundedQueueExample {
    // docs/stateful.md:begin test
    @Test func boundedQueue() {
        stateMachineCheck(BoundedQueueCheck.machine)
    }
    // docs/stateful.md:end
}
