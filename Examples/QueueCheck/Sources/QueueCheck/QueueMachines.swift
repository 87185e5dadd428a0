import PropertyCheck

/// What a test does to the queue.
public enum QueueCommand: Equatable, Sendable {
    case push(Int)
    case pop
}

/// What one command observed: its reply, and the queue's size after it.
public struct QueueObservation: Equatable, Sendable {
    public enum Reply: Equatable, Sendable {
        case accepted(Bool)
        case popped(Int?)
    }
    public var reply: Reply
    public var size: Int
}

/// The queue's check against a plain array, and the machines this package's command line knows.
public enum QueueMachines {
    public static let capacity = 3

    /// The queue's check.
    public static let queue = check(name: "bounded-queue", expression: "QueueMachines.queue") { BoundedQueue(capacity: capacity) }
    /// The check of the queue with the stale-slot bug: it fails, shrunk to four commands.
    public static let staleSlot = check(name: "bounded-queue-stale-slot", expression: "QueueMachines.staleSlot") {
        BoundedQueue(capacity: capacity, writesStaleSlot: true)
    }

    /// The check of a queue made by `makeQueue`, named `name` (its corpus directory), which
    /// `expression` names in Swift (for the regression test printed with a failure).
    static func check(name: String, expression: String, makeQueue: @escaping @Sendable () -> BoundedQueue) -> StateMachineCheck<
        [Int], BoundedQueue, QueueCommand, QueueObservation
    > {
        var check = StateMachineCheck<[Int], BoundedQueue, QueueCommand, QueueObservation>(
            name: name,
            model: { [] },
            system: makeQueue,
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
        check.regressionExpression = expression
        return check
    }

    /// The machines of `queue-check`: the queue, and the same queue with the stale-slot bug
    /// (to see a failure found, shrunk, saved, replayed and minimized).
    public static let all: [MachineEntry] = [
        MachineEntry(summary: "a bounded queue (ring buffer) against a plain array") { queue.limited(to: $0) },
        MachineEntry(summary: "the same queue writing the back at `count`, not `head + count`: fails") { staleSlot.limited(to: $0) },
    ]
}
