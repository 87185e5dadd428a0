/// The result of a concurrent check.
public struct ConcurrentResult<Command: Sendable, Response: Sendable>: Sendable {
    public let check: CheckResult<ConcurrentCase<Command, Response>>
    public let statistics: ConcurrentStatistics
    /// A Swift test that replays the counterexample, ready to paste (when it failed and the
    /// check has a `regressionExpression`).
    public let regressionTest: String?
    /// True when every case passed.
    public var passed: Bool { check.passed }
    /// The failure of the counterexample, typed (`nil` when it passed or failed otherwise).
    public let failure: ConcurrentFailure?

    /// The report, with the regression test appended.
    public var report: String { report(replay: .configured) }

    /// The report with its `Replay:` line as `replay` says, and the regression test appended.
    public func report(replay: ReplayLine) -> String {
        let text = check.report(replay: replay)
        guard let regressionTest else { return text }
        return text + "\n\nRegression test:\n" + regressionTest
    }
}

extension ConcurrentCheck {
    /// Runs the check: corpus, then random cases, each run ``repetitions`` times; a failure is
    /// shrunk (a candidate fails if any of its runs fails) to the fewest lanes, commands and
    /// smallest arguments, and reported with the history that showed it. The per-case deadline
    /// is ``caseDeadline``, not `configuration`'s.
    public func check(configuration: CheckConfiguration = CheckConfiguration()) -> ConcurrentResult<Command, Response> {
        let workers = LaneWorkers(count: max(lanes.upperBound, 2))
        defer { workers.shutDown() }
        let counter = ConcurrentCounter()
        var configuration = configuration
        configuration.caseDeadline = caseDeadline
        if configuration.failureSamples == nil { configuration.failureSamples = 3 }
        let result = PropertyCheck.check(name, cases, configuration: configuration) { (value, context) throws -> Bool in
            let overlapped = try self.test(value, workers: workers, counter: counter, runs: repetitions)
            // Labels: the lanes, whether they really ran at once, and each command kind that ran.
            context.label("\(value.lanes.count) lanes")
            if overlapped { context.label("lanes overlapped") }
            var kinds = Set(value.prefix.map(\.kind))
            for lane in value.lanes { kinds.formUnion(lane.map(\.kind)) }
            for kind in kinds.sorted() { context.label(CommandLabel.name(of: kind)) }
            return true
        }
        return finish(result, counter: counter)
    }

    /// Runs the one case `bytes` decode to (a corpus file), shrinking it if it fails and `shrink`
    /// is set.
    public func replay(bytes: [UInt8], shrink: Bool = true, configuration: CheckConfiguration = CheckConfiguration()) -> ConcurrentResult<Command, Response> {
        let workers = LaneWorkers(count: max(lanes.upperBound, 2))
        defer { workers.shutDown() }
        let counter = ConcurrentCounter()
        var configuration = configuration
        configuration.caseDeadline = caseDeadline
        let result = PropertyCheck.replay(name, cases, bytes: bytes, shrink: shrink, configuration: configuration) { (value, _) throws -> Bool in
            try self.test(value, workers: workers, counter: counter, runs: repetitions)
            return true
        }
        return finish(result, counter: counter)
    }

    /// Replays explicit commands (a regression test): the prefix, then the lanes, run
    /// `repetitions` times (default: 4 × the check's), with the same verdict. A race may not come
    /// back in any run: the test then passes, which is why it runs more times than a check does.
    /// - Throws: ``ConcurrentFailure`` from the first run that fails.
    public func replay(prefix: [Command], lanes: [[Command]], repetitions: Int? = nil) throws {
        var model = self.model()
        let kindName = { (command: Command) in self.commands.first?.name ?? "command" }
        let steps = prefix.map { command in
            CommandStep(command: command, kind: kindName(command), kindIndex: 0, expected: runModel(&model, command))
        }
        let value = ConcurrentCase<Command, Response>(
            prefix: steps, lanes: lanes.map { $0.map { LaneStep(command: $0, kind: kindName($0), kindIndex: 0) } }, enabledKinds: commands.map(\.name))
        let workers = LaneWorkers(count: max(lanes.count, 2))
        defer { workers.shutDown() }
        try test(value, workers: workers, counter: ConcurrentCounter(), runs: repetitions ?? 4 * self.repetitions)
    }

    /// The property: `runs` runs of the case, failing at the first run that fails. A case that
    /// failed in an earlier call fails again with that history even if these runs did not race.
    /// - Returns: whether calls of two lanes overlapped in some run.
    @discardableResult
    func test(_ value: ConcurrentCase<Command, Response>, workers: LaneWorkers, counter: ConcurrentCounter, runs: Int) throws(ConcurrentFailure) -> Bool {
        let key = value.description
        var overlapped = false
        for run in 1...max(runs, 1) {
            do throws(ConcurrentFailure) {
                if try runOnce(value, run: run, workers: workers, counter: counter) { overlapped = true }
            } catch {
                counter.witnesses[key] = error
                throw error
            }
        }
        if let witness = counter.witnesses[key] { throw witness.reportedAgain() }
        return overlapped
    }

    func finish(_ result: CheckResult<ConcurrentCase<Command, Response>>, counter: ConcurrentCounter) -> ConcurrentResult<Command, Response> {
        let failure = result.counterexample.flatMap { counter.witnesses[$0.value.description] }
        return ConcurrentResult(
            check: result, statistics: counter.statistics, regressionTest: result.counterexample.flatMap { regressionTest(for: $0.value) }, failure: failure)
    }

    /// The Swift test that replays `value`.
    func regressionTest(for value: ConcurrentCase<Command, Response>) -> String? {
        guard let expression = regressionExpression else { return nil }
        let identifier = Corpus.directoryName(for: name).split(separator: "-").enumerated()
            .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
        let hash = String(CheckConfiguration.stableHash(value.description.utf8) % 0xFFFF_FF, radix: 16)
        let prefix = value.prefixCommands.isEmpty ? "[]" : "[\n" + value.prefixCommands.map { "            \($0),\n" }.joined() + "        ]"
        let lanes = value.laneCommands.map { lane in "            [" + lane.map { "\($0)" }.joined(separator: ", ") + "],\n" }.joined()
        return "@Test func \(identifier)Regression\(hash)() throws {\n" + "    try \(expression).replay(\n" + "        prefix: \(prefix),\n"
            + "        lanes: [\n\(lanes)        ])\n" + "}"
    }
}
