import Foundation

/// Runs one check: replays the corpus, generates cases, shrinks a failure, reports.
///
/// Generation and the property are separate steps, so every case is decoded before the property
/// sees it: the shrinker can then recognize a candidate that decodes to a case already tested
/// (or to nothing simpler) and skip the property call.
final class Runner<Value>: ShrinkOracle {
    let name: String
    let generator: Gen<Value>
    let property: (Value, PropertyContext) throws -> Bool
    let configuration: CheckConfiguration
    let seed: UInt64
    let context = PropertyContext()
    var stream: ChoiceStream
    var statistics = CheckStatistics()
    var warnings: [CheckWarning] = []
    /// Valid cases per entry of a stateful check's label table (`context.labelTable`), folded
    /// into `statistics.labels` when they are read (`labelCounts`).
    private var tableCounts: [Int] = []
    private var lastDecoded: Value?
    /// When the run began; `finish` measures the run's time from here.
    private let startedAt = ContinuousClock.now
    private var lastMessage = ""
    private let deadline: UInt64?
    /// When generation must stop (``CheckConfiguration/timeLimit``), on the coarse clock.
    private var generationDeadline: UInt64?

    init(
        name: String, generator: Gen<Value>, configuration: CheckConfiguration,
        property: @escaping (Value, PropertyContext) throws -> Bool
    ) {
        self.name = name
        self.generator = generator
        self.property = property
        self.configuration = configuration
        seed = configuration.effectiveSeed(for: name)
        if let text = CheckConfiguration.ignoredSeedVariable() {
            warnings.append(
                CheckWarning(
                    .seedIgnored,
                    "STRESSCHECK_SEED is '\(text)', not a seed (decimal, or hexadecimal after 0x): ignored; this run's seed is \(CheckConfiguration.format(seed: seed))"
                ))
        }
        stream = ChoiceStream(replaying: [], randomTail: true, random: RandomSource(seed: seed), maxBytes: configuration.maxBytes)
        deadline = configuration.caseDeadline?.nanoseconds
    }

    // MARK: Running one case

    /// Runs the property on `value`; records the failure message.
    func test(_ value: Value) -> Verdict {
        statistics.propertyCalls += 1
        let started = deadline == nil ? 0 : CoarseClock.nanoseconds()
        let verdict: Verdict
        do {
            if try property(value, context) {
                verdict = .passed
            } else {
                lastMessage = "property returned false"
                verdict = .failed(.returnedFalse)
            }
        } catch is AssumptionRejected {
            return .rejected
        } catch {
            lastMessage = String(describing: error)
            verdict = .failed(.of(error))
        }
        if let deadline, verdict == .passed {
            let elapsed = CoarseClock.nanoseconds() &- started
            if elapsed > deadline {
                lastMessage = "deadline exceeded: the case took \(elapsed / 1_000_000) ms, the deadline is \(deadline / 1_000_000) ms"
                return .failed(FailureSignature(.deadlineExceeded))
            }
        }
        return verdict
    }

    func decode(_ bytes: [UInt8]) -> DecodedCase? {
        stream.reset(replaying: bytes, randomTail: false, recordsSpans: true)
        do {
            lastDecoded = try generator.body(&stream)
        } catch {
            lastDecoded = nil
            return nil
        }
        return DecodedCase(bytes: stream.recorded, key: stream.normalized, spans: stream.spans)
    }

    func testDecoded() -> Verdict {
        guard let value = lastDecoded else { return .rejected }
        context.startCase()
        return test(value)
    }

    // MARK: The run

    func run() -> CheckResult<Value> {
        if let problem = generator.problem { return finish(.invalidGenerator(problem)) }
        let corpus = configuration.effectiveCorpusDirectory().map { Corpus(root: $0) }
        if let corpus, let failure = replayCorpus(corpus) { return failure }
        return generate(corpus: corpus)
    }

    /// Runs exactly the case `bytes` decode to (see `replay(_:_:bytes:shrink:configuration:_:)`).
    func runOne(_ bytes: [UInt8]) -> CheckResult<Value> {
        if let problem = generator.problem { return finish(.invalidGenerator(problem)) }
        stream.reset(replaying: bytes, randomTail: false)
        let value: Value
        do {
            value = try generator.body(&stream)
        } catch {
            if case .invalidGenerator(let problem) = error { return finish(.invalidGenerator(problem)) }
            statistics.rejectedCases = 1
            warnings.append(CheckWarning(.inputRejected, "the input decodes to a case the generator rejects (\(error))"))
            return finish(.tooManyRejections(rejected: 1, valid: 0))
        }
        if bytes.count > stream.position {
            warnings.append(.unreadInput(bytes.count - stream.position, of: bytes.count))
        }
        context.startCase()
        switch test(value) {
        case .passed:
            statistics.validCases = 1
            return finish(.completed)
        case .rejected:
            statistics.rejectedCases = 1
            return finish(.tooManyRejections(rejected: 1, valid: 0))
        case .failed(let signature):
            statistics.validCases = 1
            return shrinkAndReport(failing: stream.recorded, signature: signature, corpus: nil, foundIn: .givenInput)
        }
    }

    /// Phase 1: every saved file for this check, before any random case.
    private func replayCorpus(_ corpus: Corpus) -> CheckResult<Value>? {
        let (entries, problems) = corpus.entries(for: name, maxBytes: configuration.maxBytes)
        warnings += problems
        var unread: [String] = []
        statistics.corpusSkipped += problems.count { $0.skipsCorpusFile }
        for entry in entries {
            if let shouldStop = configuration.shouldStop, shouldStop() { return finish(.interrupted(valid: statistics.validCases)) }
            stream.reset(replaying: entry.bytes, randomTail: false)
            let value: Value
            do {
                value = try generator.body(&stream)
            } catch {
                statistics.corpusSkipped += 1
                warnings.append(
                    CheckWarning(
                        .fileNoLongerDecodes, path: entry.path,
                        "\(entry.path): no longer decodes for this check (\(error)); it was written for a different generator. Replace or delete it."))
                continue
            }
            statistics.corpusFiles += 1
            if entry.bytes.count > stream.position && entry.bytes[stream.position...].contains(where: { $0 != 0 }) {
                unread.append(entry.path)
            }
            context.startCase()
            let verdict = test(value)
            guard case .failed(let signature) = verdict else { continue }
            statistics.validCases += 1
            return shrinkAndReport(failing: stream.normalized, signature: signature, corpus: corpus, foundIn: .corpusFile(entry.path))
        }
        if let first = unread.first {
            warnings.append(
                CheckWarning(
                    .unreadBytes, path: first, count: unread.count,
                    "\(unread.count) corpus file(s) have bytes this check's generator does not read (first: \(first)); they were written by the fuzzer or for a different generator"
                ))
        }
        return nil
    }

    /// Phase 2: the simplest case, then random cases (and targeted mutations), then coverage.
    private func generate(corpus: Corpus?) -> CheckResult<Value> {
        var targets = TargetSearch()
        let coverage = CoverageDecision(maximumCases: configuration.maxCoverageCases ?? configuration.cases * 10)
        let slowLimit = configuration.generationTimeLimit.nanoseconds
        var generationNanoseconds: UInt64 = 0
        var index = 0
        var decidedAt = -1
        // With a time limit, the clock is read every 64 cases (a coarse clock: a few nanoseconds).
        generationDeadline = configuration.timeLimit.map { CoarseClock.nanoseconds() &+ $0.nanoseconds }
        let timeLimit = generationDeadline
        while true {
            if index == 1, let failure = runEdgeCases(corpus: corpus) { return failure }
            if let timeLimit, index & 63 == 0, CoarseClock.nanoseconds() > timeLimit {
                statistics.stoppedByTime = statistics.validCases < configuration.cases
                if case .notMet(let shortfalls) = coverage.decide(
                    requirements: context.requirements, labels: labelCounts, valid: statistics.validCases, ran: .max)
                {
                    return finish(.coverageNotMet(shortfalls))
                }
                return finish(.completed)
            }
            let valid = statistics.validCases
            // Decided at `cases`, then every 64 cases while undecided, and at the coverage
            // maximum itself: a step of 64 past a small maximum ran 65 cases for `cases: 1`.
            if valid >= configuration.cases && valid != decidedAt
                && ((valid - configuration.cases) % 64 == 0 || valid == coverage.maximumCases)
            {
                decidedAt = valid
                switch coverage.decide(requirements: context.requirements, labels: labelCounts, valid: valid, ran: valid) {
                case .met: return finish(.completed)
                case .notMet(let shortfalls): return finish(.coverageNotMet(shortfalls))
                case .undecided: break
                }
            }
            if let shouldStop = configuration.shouldStop, shouldStop() { return finish(.interrupted(valid: statistics.validCases)) }
            if index == 0 {
                stream.reset(replaying: [], randomTail: false)
            } else if statistics.validCases * 2 >= configuration.cases, let mutant = targets.mutant(runner: self) {
                statistics.targetedCases += 1
                stream.reset(replaying: mutant, randomTail: true)
            } else {
                stream.reset(randomTail: true)
            }
            index += 1
            let timing = index <= 10 && configuration.healthChecks
            let generationStart = timing ? CoarseClock.nanoseconds() : 0
            let value: Value
            do {
                value = try generator.body(&stream)
            } catch {
                if case .invalidGenerator(let problem) = error { return finish(.invalidGenerator(problem)) }
                statistics.rejectedCases += 1
                if statistics.rejectedCases >= configuration.maxRejections && statistics.validCases < configuration.cases {
                    return finish(.tooManyRejections(rejected: statistics.rejectedCases, valid: statistics.validCases))
                }
                continue
            }
            if timing {
                generationNanoseconds &+= CoarseClock.nanoseconds() &- generationStart
                if generationNanoseconds > slowLimit {
                    return finish(.generationTooSlow(seconds: Double(generationNanoseconds) / 1e9))
                }
            }
            if stream.overran {
                statistics.overruns += 1
                if configuration.healthChecks && statistics.overruns >= 20 && statistics.overruns * 4 > statistics.validCases {
                    return finish(.dataTooLarge(overruns: statistics.overruns, valid: statistics.validCases))
                }
            }
            context.startCase()
            context.collecting = true
            let verdict = test(value)
            context.collecting = false
            switch verdict {
            case .rejected:
                statistics.rejectedCases += 1
                if statistics.rejectedCases >= configuration.maxRejections && statistics.validCases < configuration.cases {
                    return finish(.tooManyRejections(rejected: statistics.rejectedCases, valid: statistics.validCases))
                }
            case .passed:
                statistics.validCases += 1
                if statistics.validCases & 255 == 0, let progress = configuration.progress { progress(statistics.validCases) }
                recordLabels()
                if !context.caseScores.isEmpty { targets.observe(context.caseScores, bytes: stream.normalized) }
            case .failed(let signature):
                statistics.validCases += 1
                return shrinkAndReport(failing: stream.normalized, signature: signature, corpus: corpus, foundIn: .generation(case: index))
            }
        }
    }

    /// Phase 2a, after the simplest case: the edge cases (see ``EdgeCases``), each decoded from
    /// its bytes like a corpus file. A failure is shrunk and reported like any; a case the
    /// generator rejects is skipped (a filter may refuse a boundary), not counted as a rejection.
    private func runEdgeCases(corpus: Corpus?) -> CheckResult<Value>? {
        let edges = EdgeCases(runner: self, budget: configuration.edgeCaseBudget)
        for (number, bytes) in edges.cases.enumerated() {
            if let shouldStop = configuration.shouldStop, shouldStop() { return finish(.interrupted(valid: statistics.validCases)) }
            stream.reset(replaying: bytes, randomTail: false)
            guard let value = try? generator.body(&stream) else { continue }
            context.startCase()
            switch test(value) {
            case .rejected: continue
            case .passed: statistics.edgeCases += 1
            case .failed(let signature):
                statistics.edgeCases += 1
                return shrinkAndReport(failing: stream.normalized, signature: signature, corpus: corpus, foundIn: .edgeCase(number))
            }
        }
        return nil
    }

    private func recordLabels() {
        let bits = context.caseTableBits
        if let bits, let table = context.labelTable {
            if tableCounts.isEmpty { tableCounts = Array(repeating: 0, count: table.entries.count) }
            for entry in table.entries.indices where table.carries(entry, kinds: bits.kinds, labels: bits.labels) { tableCounts[entry] += 1 }
        }
        let labels = context.caseLabels
        guard !labels.isEmpty else { return }
        // A case carries a handful of labels: a scan of the earlier ones dedupes them without
        // building a set per case (and a name the table already counted is not counted again).
        for index in labels.indices where !labels[..<index].contains(labels[index]) {
            if let bits, let table = context.labelTable, table.carries(labels[index], kinds: bits.kinds, labels: bits.labels) { continue }
            statistics.labels[labels[index], default: 0] += 1
        }
    }

    /// Valid cases per label: those counted by name, and a stateful check's table counts.
    var labelCounts: [String: Int] {
        guard let table = context.labelTable, !tableCounts.isEmpty else { return statistics.labels }
        var labels = statistics.labels
        table.add(tableCounts, to: &labels)
        return labels
    }

    /// A shrunk failure, before it is confirmed and reported.
    struct Shrunk {
        let best: [UInt8]
        let key: [UInt8]
        let stoppedBy: ShrinkStop?
        let foundIn: FoundIn
    }

    /// Shrinks one failing case, adding to the shrink statistics.
    private func shrink(_ bytes: [UInt8], signature: FailureSignature, foundIn: FoundIn) -> Shrunk? {
        let clock = ContinuousClock()
        let started = clock.now
        defer { statistics.shrinkSeconds += (clock.now - started).seconds }
        guard let decoded = decode(bytes) else { return nil }
        var shrinker = Shrinker(
            oracle: self, failing: decoded, signature: signature,
            maxCalls: configuration.shrinkCalls, timeLimit: configuration.shrinkTime, shouldStop: configuration.shouldStop)
        shrinker.run()
        statistics.shrinkCalls += shrinker.calls
        statistics.shrinkSteps += shrinker.steps
        return Shrunk(best: shrinker.best, key: shrinker.bestKey, stoppedBy: shrinker.stoppedBy, foundIn: foundIn)
    }

    /// Phase 3: shrink, then (when `failureSamples` asks for more than one) keep generating to
    /// find more failures with the same signature, shrink each and keep the shortlex-smallest;
    /// confirm, save, report.
    private func shrinkAndReport(failing bytes: [UInt8], signature: FailureSignature, corpus: Corpus?, foundIn: FoundIn) -> CheckResult<Value> {
        guard var best = shrink(bytes, signature: signature, foundIn: foundIn) else { return finish(.flaky) }
        var samples = 1
        let wanted = configuration.failureSamples ?? 1
        var attempts = 0
        // A time-limited run (its `cases` perhaps unbounded) looks for more samples among as many
        // cases as found the first one, and not past its time.
        let timeLimited = configuration.timeLimit != nil
        let attemptLimit = timeLimited ? min(configuration.cases, max(statistics.validCases, 100)) : configuration.cases
        while samples < wanted && attempts < attemptLimit && statistics.validCases < configuration.cases * 2 {
            if timeLimited, let deadline = generationDeadline, CoarseClock.nanoseconds() > deadline { break }
            // Interrupted: the failure found is reported as it stands, no more samples sought.
            if configuration.shouldStop?() == true { break }
            attempts += 1
            stream.reset(randomTail: true)
            guard let value = try? generator.body(&stream) else { continue }
            context.startCase()
            guard test(value) == .failed(signature) else { continue }
            samples += 1
            if let other = shrink(stream.recorded, signature: signature, foundIn: .failureSample(samples, of: wanted)),
                shortlexLess(other.best, best.best)
            {
                best = other
            }
        }
        guard decode(best.best) != nil, let value = lastDecoded else { return finish(.flaky) }
        context.startCase()
        context.reportingNotes = true
        let verdict = test(value)
        context.reportingNotes = false
        guard verdict == .failed(signature) else { return finish(.flaky) }
        var savedPath: String?
        if let corpus, configuration.saveFailures { savedPath = corpus.save(best.key, for: name, warnings: &warnings) }
        let counterexample = Counterexample(
            value: value, bytes: best.key, signature: signature, message: lastMessage,
            notes: context.notes, shrinkStoppedBy: best.stoppedBy, savedPath: savedPath, foundIn: best.foundIn)
        return finish(.foundFailure, counterexample: counterexample)
    }

    private func finish(_ reason: ExitReason, counterexample: Counterexample<Value>? = nil) -> CheckResult<Value> {
        statistics.seconds = (ContinuousClock.now - startedAt).seconds
        statistics.labels = labelCounts
        tableCounts = []
        return CheckResult(
            name: name, seed: seed, exitReason: reason, counterexample: counterexample,
            statistics: statistics, warnings: warnings, replayHint: configuration.replayHint)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}
