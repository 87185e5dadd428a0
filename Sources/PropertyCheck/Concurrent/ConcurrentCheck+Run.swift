import Foundation

/// What one lane of one run recorded; written by its lane's thread only, read after the run.
final class LaneRecord<Command: Sendable, Response: Sendable>: @unchecked Sendable {
    var operations: [Operation<Command, Response>] = []
    /// The command (by index) whose call threw, and the error.
    var thrown: (index: Int, error: any Error)?
    init(capacity: Int) { operations.reserveCapacity(capacity) }
}

extension ConcurrentCheck {
    /// Runs `value` once on a fresh system: the prefix on this thread, compared with the model
    /// step by step, then the lanes on `workers`, released together.
    /// - Throws: ``ConcurrentFailure`` when the prefix diverges or the system throws.
    func observe(_ value: ConcurrentCase<Command, Response>, run: Int, workers: LaneWorkers, counter: ConcurrentCounter) throws(ConcurrentFailure)
        -> ObservedRun<Model, Command, Response>
    {
        let failure = { (kind: ConcurrentFailure.Kind, explanation: [String]) in
            ConcurrentFailure(kind: kind, run: run, runs: repetitions, explanation: explanation)
        }
        let system: System
        do { system = try self.system() } catch {
            throw failure(.systemThrew(type: String(reflecting: type(of: error)), command: "system()"), ["making the system threw: \(error)"])
        }
        defer { teardown(system) }
        var model = self.model()
        for (index, step) in value.prefix.enumerated() {
            let observed: Response
            do { observed = try runSystem(system, step.command) } catch {
                throw failure(
                    .systemThrew(type: String(reflecting: type(of: error)), command: step.kind), ["prefix step \(index + 1), \(step.command), threw: \(error)"])
            }
            let expected = runModel(&model, step.command)
            if observed != expected {
                throw failure(
                    .prefixDiverged(command: step.kind),
                    [
                        "prefix step \(index + 1), \(step.command):",
                        SideBySide.render(
                            left: PrettyPrinter.describe(expected, width: 0), right: PrettyPrinter.describe(observed, width: 0), leftTitle: "model",
                            rightTitle: "system"),
                    ])
            }
        }
        let line = StartLine(lanes: value.lanes.count)
        let records = value.lanes.map { LaneRecord<Command, Response>(capacity: $0.count) }
        let runSystem = runSystem
        workers.run(
            value.lanes.indices.map { lane in
                let steps = value.lanes[lane]
                let record = records[lane]
                return {
                    line.wait()
                    for (index, step) in steps.enumerated() {
                        let invoked = line.tick()
                        let response: Response
                        do { response = try runSystem(system, step.command) } catch {
                            record.thrown = (index, error)
                            return
                        }
                        record.operations.append(Operation(command: step.command, response: response, invoked: invoked, returned: line.tick()))
                    }
                }
            })
        counter.runs += 1
        counter.operations += value.commandCount
        for (lane, record) in records.enumerated() {
            guard let (index, error) = record.thrown else { continue }
            let step = value.lanes[lane][index]
            throw failure(
                .systemThrew(type: String(reflecting: type(of: error)), command: step.kind),
                ["lane \(lane + 1) #\(index + 1), \(step.command), threw: \(error)"])
        }
        return ObservedRun(model: model, lanes: records.map(\.operations), final: finalState?.observe(system), run: run)
    }

    /// Runs `value` once and judges the run; returns whether calls of two lanes overlapped in it.
    /// - Throws: ``ConcurrentFailure`` when the run is not explained.
    @discardableResult
    func runOnce(_ value: ConcurrentCase<Command, Response>, run: Int, workers: LaneWorkers, counter: ConcurrentCounter) throws(ConcurrentFailure) -> Bool {
        let observed = try observe(value, run: run, workers: workers, counter: counter)
        let (model, lanes, final) = (observed.model, observed.lanes, observed.final)
        let overlapped = HistoryTable.overlaps(lanes)
        let started = ContinuousClock.now
        let runModel = runModel
        let verdict = Linearizability.check(lanes, from: model, apply: runModel, finalState: final?.matches)
        counter.verdictSeconds += (ContinuousClock.now - started).seconds
        guard case .notLinearizable(let unexplained) = verdict else {
            if case .linearizable(let order) = verdict { counter.explored += order.explored }
            return overlapped
        }
        counter.explored += unexplained.explored
        throw ConcurrentFailure(
            kind: unexplained.reason == .responses ? .notLinearizable : .finalStateUnexplained, run: run, runs: repetitions,
            explored: unexplained.explored, operations: unexplained.operations, longestExplained: unexplained.longestExplained.count,
            history: HistoryTable.render(lanes), explanation: explain(unexplained, lanes: lanes, from: model, final: final))
    }

    /// The lines that say why no order explains the history.
    func explain(
        _ unexplained: Unexplained<Response>, lanes: [[Operation<Command, Response>]], from model: Model, final: ObservedFinalState<Model>?
    ) -> [String] {
        let order = unexplained.longestExplained
        var lines = [
            "Longest explained order (\(order.count) of \(unexplained.operations)): "
                + (order.isEmpty ? "(none: no operation can go first)" : order.map(\.description).joined(separator: ", "))
        ]
        switch unexplained.reason {
        case .responses:
            lines.append("Then no operation can go next; the model's answers there:")
            for blocked in unexplained.blocked {
                let operation = lanes[blocked.operation.lane][blocked.operation.index]
                lines.append("  \(blocked.operation), \(operation.command): the model answers \(blocked.expected), the system answered \(operation.response)")
            }
        case .finalState:
            lines.append("\(unexplained.completeOrders) order(s) explain every response; the first found ends in another state than the system's:")
            if let final {
                var end = model
                for id in order { _ = runModel(&end, lanes[id.lane][id.index].command) }
                lines.append(SideBySide.render(left: final.model(end), right: final.system, leftTitle: "model (that order)", rightTitle: "system"))
            }
        }
        return lines
    }
}

/// One run of a case as the verdict sees it: the model after the prefix, the lanes' operations,
/// and the system's final state.
public struct ObservedRun<Model, Command: Sendable, Response: Sendable> {
    /// The model's state after the prefix (the prefix agreed with it).
    public let model: Model
    /// Each lane's operations, in program order.
    public let lanes: [[Operation<Command, Response>]]
    let final: ObservedFinalState<Model>?
    let run: Int
}

extension ConcurrentCheck {
    /// Runs `value` once (threads started for it and ended after) and returns what it observed,
    /// for a caller that judges it itself: ``verdict(on:)``, or a benchmark of the verdict.
    /// - Throws: ``ConcurrentFailure`` when the prefix diverges from the model or the system throws.
    public func observe(_ value: ConcurrentCase<Command, Response>) throws(ConcurrentFailure) -> ObservedRun<Model, Command, Response> {
        let workers = LaneWorkers(count: max(value.lanes.count, 2))
        defer { workers.shutDown() }
        return try observe(value, run: 1, workers: workers, counter: ConcurrentCounter())
    }

    /// The linearizability verdict on an observed run (with the final state, when the check has
    /// ``finalState``).
    public func verdict(on observed: ObservedRun<Model, Command, Response>) -> LinearizabilityVerdict<Response> {
        Linearizability.check(observed.lanes, from: observed.model, apply: runModel, finalState: observed.final?.matches)
    }
}

/// A history printed lane by lane in invocation order: one row per operation, in its lane's
/// column, `┆` in the columns of lanes with an operation still running at that moment.
enum HistoryTable {
    /// Whether calls of two different lanes ran at the same time (their intervals overlap).
    static func overlaps<Command, Response>(_ lanes: [[Operation<Command, Response>]]) -> Bool {
        for first in lanes.indices {
            for second in lanes.indices where second > first {
                for a in lanes[first] where lanes[second].contains(where: { a.invoked < $0.returned && $0.invoked < a.returned }) { return true }
            }
        }
        return false
    }

    static func render<Command, Response>(_ lanes: [[Operation<Command, Response>]]) -> [String] {
        let all = lanes.enumerated().flatMap { lane, operations in operations.enumerated().map { (lane: lane, index: $0.offset, operation: $0.element) } }
            .sorted { $0.operation.invoked < $1.operation.invoked }
        let rows = all.map { entry in
            lanes.indices.map { lane -> [String] in
                if lane == entry.lane {
                    return [
                        "#\(entry.index + 1) [\(entry.operation.invoked)–\(entry.operation.returned)] \(entry.operation.command)",
                        "   → \(entry.operation.response)",
                    ]
                }
                let running = lanes[lane].contains { $0.invoked < entry.operation.invoked && entry.operation.invoked < $0.returned }
                return running ? ["┆", "┆"] : []
            }
        }
        return LaneColumns.render(titles: lanes.indices.map { "lane \($0 + 1)" }, rows: rows)
    }
}

/// Counts across the runs of one check (the property runs on one thread, synchronously).
final class ConcurrentCounter: @unchecked Sendable {
    var runs = 0
    var operations = 0
    var explored = 0
    var verdictSeconds = 0.0
    /// The failure each case (by its printed form) showed, so that a later call on the same case
    /// whose runs happen not to race still reports it (a shrink's last confirmation).
    var witnesses: [String: ConcurrentFailure] = [:]

    var statistics: ConcurrentStatistics {
        ConcurrentStatistics(runs: runs, operations: operations, explored: explored, verdictSeconds: verdictSeconds)
    }
}

/// Counts of a concurrent check's runs, beside the engine's statistics.
public struct ConcurrentStatistics: Sendable, Equatable {
    /// Runs of cases (each case runs up to ``ConcurrentCheck/repetitions`` times).
    public var runs: Int
    /// Commands run against the system, prefixes included.
    public var operations: Int
    /// Search states the verdicts explored.
    public var explored: Int
    /// Time spent in the verdicts.
    public var verdictSeconds: Double
}
