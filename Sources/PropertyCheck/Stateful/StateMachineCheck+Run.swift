import Foundation

/// Counts of a stateful run, beside the engine's own statistics.
public struct StatefulStatistics: Sendable {
    /// Commands run against the system, in all phases.
    public var steps = 0
    /// Cases in which each command kind ran at least once.
    public var kinds: [String: Int] = [:]
}

/// The result of a stateful check.
public struct StatefulResult<Command: Sendable, Observation: Sendable>: Sendable {
    public let check: CheckResult<CommandSequence<Command, Observation>>
    public let statistics: StatefulStatistics
    /// A Swift test that replays the counterexample, ready to paste (when it failed and the
    /// check has a `regressionExpression`).
    public let regressionTest: String?
    /// True when every case passed and the requirements were met.
    public var passed: Bool { check.passed }

    @inlinable
    public init(check: CheckResult<CommandSequence<Command, Observation>>, statistics: StatefulStatistics, regressionTest: String?) {
        self.check = check
        self.statistics = statistics
        self.regressionTest = regressionTest
    }
    /// The report, with the regression test appended.
    public var report: String { report(replay: .configured) }

    /// The report with its `Replay:` line as `replay` says, and the regression test appended.
    public func report(replay: ReplayLine) -> String {
        let text = check.report(replay: replay)
        guard let regressionTest else { return text }
        return text + "\n\nRegression test:\n" + regressionTest
    }
}

extension StateMachineCheck {
    /// Runs one case from `bytes` (a corpus file, a libFuzzer crash), shrinking it if it fails
    /// and `shrink` is set.
    @inlinable
    public func replay(bytes: [UInt8], shrink: Bool = true, configuration: CheckConfiguration = CheckConfiguration()) -> StatefulResult<Command, Observation> {
        replay(bytes: bytes, shrink: shrink, configuration: configuration, sequences: sequences)
    }

    /// ``replay(bytes:shrink:configuration:)`` with the sequence generator built once, for a
    /// caller that replays input after input (a fuzz target): building it is an allocation and
    /// a few thousand instructions each time.
    @inlinable
    public func replayer() -> @Sendable (_ bytes: [UInt8], _ shrink: Bool, _ configuration: CheckConfiguration) -> StatefulResult<Command, Observation> {
        let sequences = self.sequences
        return { bytes, shrink, configuration in self.replay(bytes: bytes, shrink: shrink, configuration: configuration, sequences: sequences) }
    }

    @inlinable
    func replay(
        bytes: [UInt8], shrink: Bool, configuration: CheckConfiguration, sequences: Gen<CommandSequence<Command, Observation>>
    ) -> StatefulResult<Command, Observation> {
        let counter = StepCounter()
        let result = PropertyCheck.replay(name, sequences, bytes: bytes, shrink: shrink, configuration: configuration) { (sequence, _) throws -> Bool in
            try self.run(sequence, counter: counter, context: nil, labelTable: nil)
            return true
        }
        return StatefulResult(
            check: result, statistics: counter.statistics,
            regressionTest: result.counterexample.flatMap { regressionTest(for: $0.value.commands) })
    }

    /// Runs the check: corpus, then random command sequences, shrinking a failure to a minimal
    /// sequence.
    @inlinable
    public func check(configuration: CheckConfiguration = CheckConfiguration()) -> StatefulResult<Command, Observation> {
        let counter = StepCounter()
        let table = CaseLabelTable(kinds: commands.map(\.name), labels: labels.map(\.name), coverage: coverage)
        var configuration = configuration
        if configuration.failureSamples == nil { configuration.failureSamples = 8 }
        let result = PropertyCheck.check(name, sequences, configuration: configuration) { (sequence, context) throws -> Bool in
            try self.run(sequence, counter: counter, context: context, labelTable: table)
            return true
        }
        return StatefulResult(
            check: result, statistics: counter.statistics,
            regressionTest: result.counterexample.flatMap { regressionTest(for: $0.value.commands) })
    }

    /// Replays explicit commands (a regression test): the model runs first to get the expected
    /// observations, then the system, with every comparison and invariant.
    /// - Throws: ``StatefulFailure`` at the first step that fails.
    public func replay(_ commands: [Command]) throws {
        var model = self.model()
        let steps = commands.map { command in
            let kind = kindIndex(of: command, model: model)
            return CommandStep(
                command: command, kind: self.commands.indices.contains(kind) ? self.commands[kind].name : "command", kindIndex: kind,
                expected: runModel(&model, command))
        }
        try run(CommandSequence(steps: steps, enabledKinds: self.commands.map(\.name)), counter: StepCounter(), context: nil, labelTable: nil)
    }

    /// The kind of a replayed command: the first available kind (kinds only label failures and
    /// cases, so an approximation is harmless).
    private func kindIndex(of command: Command, model: Model) -> Int {
        commands.firstIndex { $0.isAvailable(model) } ?? -1
    }

    /// Runs one sequence against a fresh system, comparing and checking every step.
    /// (`@inlinable` so that a check's module specializes it for its own types: this is the
    /// loop a differential check spends its time in.)
    @inlinable
    func run(
        _ sequence: CommandSequence<Command, Observation>, counter: StepCounter, context: PropertyContext?,
        labelTable: CaseLabelTable?
    ) throws {
        var system = try self.system()
        defer { teardown(&system) }
        var previous: Observation?
        var kindsSeen: UInt64 = 0
        var labelsSeen: UInt64 = 0
        let steps = sequence.steps
        // The step is never copied out of the array (a copy retained and released every array
        // in its expected observation): its command is, and the expected observation is read in
        // place for the comparison; the labels then read `observed`, which equals it.
        // (Instructions ×0.97–0.99 per machine against one copy per step.)
        for index in steps.indices {
            counter.steps += 1
            let command = steps[index].command
            let observed: Observation
            do {
                observed = try runSystem(&system, command)
            } catch {
                throw failure(.systemThrew(String(reflecting: type(of: error))), at: index, of: steps, observed: nil, system: String(describing: error))
            }
            if let violated = violatedInvariant(previous, command, observed) {
                throw failure(.invariant(violated), at: index, of: steps, observed: observed)
            }
            if observed != steps[index].expected {
                throw failure(.divergence, at: index, of: steps, observed: observed)
            }
            if context != nil {
                let kindIndex = steps[index].kindIndex
                if (0..<64).contains(kindIndex) { kindsSeen |= 1 << UInt64(kindIndex) }
                for number in labels.indices where labelsSeen & (1 << UInt64(number)) == 0 && labels[number].holds(observed) {
                    labelsSeen |= 1 << UInt64(number)
                }
            }
            previous = consume observed
        }
        guard let context, let labelTable else { return }
        labelTable.report(kinds: kindsSeen, labels: labelsSeen, to: context)
        counter.count(kinds: kindsSeen, names: labelTable.kindNames)
    }

    /// The failure at step `index` (0-based), with both observations printed.
    @usableFromInline
    func failure(
        _ kind: StatefulFailure.Kind, at index: Int, of steps: [CommandStep<Command, Observation>], observed: Observation?,
        system: String? = nil
    ) -> StatefulFailure {
        let step = steps[index]
        return StatefulFailure(
            kind: kind, step: index + 1, commandKind: step.kind, command: CommandSequence<Command, Observation>.swiftText(of: step.command),
            model: observed == nil ? nil : PrettyPrinter.describe(step.expected, width: 0),
            system: system ?? observed.map { PrettyPrinter.describe($0, width: 0) } ?? "")
    }

    /// The first invariant the step breaks, if any.
    @inlinable
    func violatedInvariant(_ before: Observation?, _ command: Command, _ after: Observation) -> String? {
        // Indices, not `for … in`: iterating copies each element (a name and a closure context),
        // two retains and two releases per invariant per step.
        for index in invariants.indices where !invariants[index].holds(after) { return invariants[index].name }
        for index in transitionInvariants.indices where !transitionInvariants[index].holds(before, command, after) {
            return transitionInvariants[index].name
        }
        return firstViolation?(before, command, after)
    }

    /// The Swift test that replays `commands`.
    @usableFromInline
    func regressionTest(for commands: [Command]) -> String? {
        guard let expression = regressionExpression else { return nil }
        let identifier = Corpus.directoryName(for: name).split(separator: "-").enumerated()
            .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
        let hash = String(CheckConfiguration.stableHash(commands.map { String(describing: $0) }.joined(separator: "\n").utf8) % 0xFFFF_FF, radix: 16)
        let list = commands.map { "        \(CommandSequence<Command, Observation>.swiftText(of: $0))," }.joined(separator: "\n")
        return """
            @Test func \(identifier)Regression\(hash)() throws {
                try \(expression).replay([
            \(list)
                ])
            }
            """
    }
}

/// Accumulates step counts across the cases of one run (the property closure runs on one
/// thread, synchronously). Per-kind case counts are kept by kind index and named on reading.
@usableFromInline
final class StepCounter: @unchecked Sendable {
    @usableFromInline var steps = 0
    @usableFromInline var casesByKind: [Int] = []
    @usableFromInline var kindNames: [String] = []
    @usableFromInline init() {}

    /// Counts one case in each kind whose bit is set.
    @inlinable
    func count(kinds: UInt64, names: [String]) {
        if casesByKind.isEmpty { (casesByKind, kindNames) = (Array(repeating: 0, count: min(names.count, 64)), names) }
        var bits = kinds
        while bits != 0 {
            let index = bits.trailingZeroBitCount
            if index < casesByKind.count { casesByKind[index] += 1 }
            bits &= bits - 1
        }
    }

    @usableFromInline var statistics: StatefulStatistics {
        var statistics = StatefulStatistics()
        statistics.steps = steps
        for (index, count) in casesByKind.enumerated() where count > 0 { statistics.kinds[kindNames[index], default: 0] += count }
        return statistics
    }
}
