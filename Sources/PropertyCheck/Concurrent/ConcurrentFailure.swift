/// The failure kinds only a concurrent check has, in a ``FailureSignature``.
public enum ConcurrencyFailureKind: CustomFailureKind {
    /// No order of the operations explains the responses the lanes observed.
    case notLinearizable
    /// Orders explain every response, but none ends in the state the system ended in.
    case finalStateUnexplained

    public var name: String {
        switch self {
        case .notLinearizable: "not linearizable"
        case .finalStateUnexplained: "final state unexplained"
        }
    }

    public var location: String? { nil }
}

/// Why a concurrent case failed, on which run, with the observed history printed lane by lane.
///
/// Its signature keeps shrinking on the same bug: a non-linearizable history stays one (not a
/// divergence in the prefix), a prefix divergence names the command kind, as a stateful
/// check's does.
public struct ConcurrentFailure: IdentifiedFailure, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// No order of the lanes' operations explains their responses.
        case notLinearizable
        /// Orders explain the responses, but none ends in the system's final state.
        case finalStateUnexplained
        /// The prefix (run on one thread) already diverged from the model, at a command of this kind.
        case prefixDiverged(command: String)
        /// The system threw an error of `type` on a command of kind `command`.
        case systemThrew(type: String, command: String)
    }

    public let kind: Kind
    /// The run (1-based) of the case that showed it, and the runs the case was given.
    public let run: Int
    public let runs: Int
    /// True when no run of this call showed it and the failure is the history an earlier run
    /// of the same case observed (a race does not come back on demand; the history proves it).
    public let observedEarlier: Bool
    /// For a verdict: distinct search states explored, operations in the lanes, and how many
    /// the longest explained order had.
    public let explored: Int
    public let operations: Int
    public let longestExplained: Int
    /// The observed history, lanes side by side in invocation order (empty for a prefix failure).
    public let history: [String]
    /// Why no order explains it: the longest explained order, then what blocked each next operation.
    public let explanation: [String]

    public init(
        kind: Kind, run: Int, runs: Int, observedEarlier: Bool = false, explored: Int = 0, operations: Int = 0, longestExplained: Int = 0,
        history: [String] = [], explanation: [String] = []
    ) {
        self.kind = kind
        self.run = run
        self.runs = runs
        self.observedEarlier = observedEarlier
        self.explored = explored
        self.operations = operations
        self.longestExplained = longestExplained
        self.history = history
        self.explanation = explanation
    }

    /// The same failure, reported again for a later call whose own runs did not show it.
    func reportedAgain() -> ConcurrentFailure {
        ConcurrentFailure(
            kind: kind, run: run, runs: runs, observedEarlier: true, explored: explored, operations: operations,
            longestExplained: longestExplained, history: history, explanation: explanation)
    }

    public var failureSignature: FailureSignature {
        switch kind {
        case .notLinearizable: FailureSignature(ConcurrencyFailureKind.notLinearizable)
        case .finalStateUnexplained: FailureSignature(ConcurrencyFailureKind.finalStateUnexplained)
        case .prefixDiverged(let command): FailureSignature(.diverged(command: command))
        case .systemThrew(let type, let command): FailureSignature(.systemThrew(type: type, command: command))
        }
    }

    public var description: String {
        let when = "run \(run) of \(runs)" + (observedEarlier ? ", observed by an earlier call on this case" : "")
        var lines: [String]
        switch kind {
        case .notLinearizable:
            lines = [
                "not linearizable (\(when)): no order of the \(operations) operations, consistent with each lane's order and with real time, gives every response the system gave; \(explored) search states explored"
            ]
        case .finalStateUnexplained:
            lines = [
                "final state unexplained (\(when)): orders explain every response, but none ends in the system's final state; \(explored) search states explored"
            ]
        case .prefixDiverged: lines = ["the prefix diverged from the model (\(when))"]
        case .systemThrew: lines = ["the system threw (\(when))"]
        }
        if !history.isEmpty {
            lines.append("Observed (invoked–returned on one logical clock; ┆ = still running):")
            lines += history.map { "  " + $0 }
        }
        lines += explanation
        return lines.joined(separator: "\n")
    }
}
