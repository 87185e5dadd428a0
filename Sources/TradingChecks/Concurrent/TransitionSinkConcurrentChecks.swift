import PropertyCheck
import TradingMachines
import TradingVocabulary

/// What a lane does with the shared `RecordingTransitionSink`.
public enum SinkCommand: Hashable, Sendable, CustomStringConvertible {
    /// Records a position transition NORMAL → DRAIN at `count` positions (the value tells the
    /// events apart).
    case record(count: Int)
    /// Reads every event.
    case events
    /// Reads the position transitions.
    case positionTransitions

    /// The event `record(count:)` records.
    public static func event(count: Int) -> TransitionEvent {
        .position(PositionTransition(from: .normal, to: .drain, count: count, cap: 0, excess: count, forced: false))
    }

    public var description: String {
        switch self {
        case .record(let count): ".record(count: \(count))"
        case .events: ".events"
        case .positionTransitions: ".positionTransitions"
        }
    }
}

/// What the sink answered.
public enum SinkResponse: Hashable, Sendable, CustomStringConvertible {
    case recorded
    /// The `count`s of the events read, oldest first.
    case read([Int])

    public var description: String {
        switch self {
        case .recorded: ".recorded"
        case .read(let counts): ".read(\(counts))"
        }
    }
}

/// A shared sink behind the check's vocabulary.
public protocol SharedSink: Sendable {
    func record(_ event: TransitionEvent)
    var events: [TransitionEvent] { get }
}

extension RecordingTransitionSink: SharedSink {}

/// The concurrent check of production's `RecordingTransitionSink` (the thread-safe log every
/// machine records its state changes in, shared by the threads of a `SharedRiskStack`): records
/// and reads at once from 2–3 lanes must be explained by one order of them, against a model that
/// is an array, and no record may be lost by the end.
public enum TransitionSinkConcurrentChecks {
    public typealias Check<Sink: SharedSink> = ConcurrentCheck<[Int], Sink, SinkCommand, SinkResponse>

    /// The check against production.
    public static let machine: Check<RecordingTransitionSink> = machine(name: "transition-sink-concurrent") { RecordingTransitionSink() }

    /// 200 cases of 12 runs: a fraction of a second in release.
    public static let defaultCases = 200

    /// The check against any sink (production, or a broken variant).
    public static func machine<Sink: SharedSink>(name: String, sink: @escaping @Sendable () -> Sink) -> Check<Sink> {
        var check = Check<Sink>(
            name: name,
            model: { [] },
            system: sink,
            commands: [
                CommandKind("record", weight: 4, drawing: { _, stream throws(Rejection) in .record(count: try stream.index(below: 10)) }),
                CommandKind("events") { _ in .constant(.events) },
                CommandKind("positionTransitions") { _ in .constant(.positionTransitions) },
            ],
            runModel: { events, command in
                switch command {
                case .record(let count):
                    events.append(count)
                    return .recorded
                case .events, .positionTransitions: return .read(events)
                }
            },
            runSystem: { sink, command in
                switch command {
                case .record(let count):
                    sink.record(SinkCommand.event(count: count))
                    return .recorded
                case .events: return .read(sink.events.map(counted))
                case .positionTransitions: return .read(sink.events.compactMap { if case .position = $0 { counted($0) } else { nil } })
                }
            },
            finalState: FinalStateCheck(system: { $0.events.map(counted) }, model: { $0 }))
        check.regressionExpression = "TransitionSinkConcurrentChecks.machine"
        return check
    }

    /// The `count` of an event the check recorded (-1 for any other).
    static func counted(_ event: TransitionEvent) -> Int {
        if case .position(let transition) = event { return transition.count }
        return -1
    }

    /// The registry's entry (`stresscheck check transition-sink-concurrent`).
    public static let entry = MachineEntry(
        concurrent: "the thread-safe transition log: records and reads at once from 2–3 lanes, linearizable, none lost",
        defaultCases: defaultCases
    ) { maxLaneSteps in machine.lanes(ofAtMost: maxLaneSteps) }
}
