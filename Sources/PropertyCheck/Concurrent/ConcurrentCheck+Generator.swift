extension ConcurrentCheck {
    /// Why this check cannot generate cases, if its settings are invalid.
    var problem: GeneratorError? {
        func error(_ message: String) -> GeneratorError { GeneratorError(function: "ConcurrentCheck", message: message, fileID: "", line: 0) }
        if commands.isEmpty { return error("no command kinds") }
        if lanes.lowerBound < 2 || lanes.upperBound > 8 { return error("lanes is \(lanes); give 2 to 8 lanes (fewer than 2 is a sequential check)") }
        if maxLaneSteps < 1 || maxLaneSteps > 255 { return error("maxLaneSteps is \(maxLaneSteps); give 1 to 255") }
        if maxPrefixSteps < 0 { return error("maxPrefixSteps is \(maxPrefixSteps); give at least 0") }
        if repetitions < 1 { return error("repetitions is \(repetitions); give at least 1") }
        return nil
    }

    /// The generator of concurrent cases.
    ///
    /// Layout: the swarm flags (as ``StateMachineCheck/sequences``); the prefix, each step a
    /// "more?" flag, the kind choice and the command's draws; the number of lanes beyond the
    /// minimum (shrinking toward the fewest); then each lane: its first command (kind and draws,
    /// no flag: a lane has at least one command), then steps as in the prefix. The prefix runs
    /// on the model as it is drawn; each lane continues from the model after the prefix, on a
    /// copy, through its own commands only.
    public var cases: Gen<ConcurrentCase<Command, Response>> {
        let kinds = commands
        let totalWeight = UInt64(kinds.reduce(0) { $0 + max($1.weight, 1) })
        let cumulative = kinds.reduce(into: [UInt64]()) { $0.append(($0.last ?? 0) + UInt64(max($1.weight, 1))) }
        let maxPrefix = maxPrefixSteps
        let maxLane = maxLaneSteps
        let laneRange = lanes
        let morePrefix = RandomSource.threshold(probability: Double(maxPrefix) / 2 / (Double(maxPrefix) / 2 + 1))
        let extraLane = Double(maxLane - 1) / 2
        let moreLane = RandomSource.threshold(probability: extraLane / (extraLane + 1))
        let makeModel = model
        let runModel = runModel
        let label = SpanLabel.next()
        let stepLabel = SpanLabel.next()
        let firstStepLabel = SpanLabel.next()
        let laneLabel = SpanLabel.next()
        let kindLabel = SpanLabel.next()
        let swarmLabel = SpanLabel.next()
        let laneCountLabel = SpanLabel.next()
        let half = RandomSource.threshold(probability: 0.5)
        return Gen(label: label, problem: problem) { s throws(Rejection) in
            var enabled = [Bool](repeating: true, count: kinds.count)
            if kinds.count > 1 && s.flag(threshold: half, label: swarmLabel) {
                for index in kinds.indices { enabled[index] = !s.flag(threshold: half, label: swarmLabel) }
                if !enabled.contains(true) { enabled = enabled.map { _ in true } }
            }
            /// One command drawn from `model` (kind choice, then its draws), or `nil` when no kind
            /// is available or the precondition refused the drawn command.
            func step(_ model: Model, _ s: inout ChoiceStream) throws(Rejection) -> (Command, Int)?? {
                var available: UInt64 = 0
                for index in kinds.indices where index < 64 && enabled[index] && (kinds[index].availability?(model) ?? true) {
                    available |= 1 << UInt64(index)
                }
                guard available != 0 else { return .none }
                let pick = s.choice(bound: totalWeight - 1, label: kindLabel) { $0.next(upTo: totalWeight - 1) }
                var index = cumulative.firstIndex { pick < $0 } ?? 0
                while available & (1 << UInt64(index)) == 0 { index = (index + 1) % kinds.count }
                let command = try kinds[index].draw(model, &s)
                guard kinds[index].argumentCheck?(model, command) ?? true else { return .some(nil) }
                return .some((command, index))
            }
            var model = makeModel()
            var prefix: [CommandStep<Command, Response>] = []
            var prefixAttempts = 0
            while prefix.count < maxPrefix && prefixAttempts < 2 * maxPrefix {
                prefixAttempts += 1
                let span = s.beginSpan(label: stepLabel)
                defer { s.endSpan(span) }
                guard s.flag(threshold: morePrefix, label: stepLabel), case .some(let drawn) = try step(model, &s) else { break }
                guard let (command, index) = drawn else { continue }
                let expected = runModel(&model, command)
                prefix.append(CommandStep(command: command, kind: kinds[index].name, kindIndex: index, expected: expected))
            }
            let bound = UInt64(laneRange.upperBound - laneRange.lowerBound)
            let laneCount = laneRange.lowerBound + Int(s.choice(bound: bound, label: laneCountLabel) { $0.next(upTo: bound) })
            var lanes: [[LaneStep<Command>]] = []
            for _ in 0..<laneCount {
                let laneSpan = s.beginSpan(label: laneLabel)
                var laneModel = model
                var steps: [LaneStep<Command>] = []
                var attempts = 0
                while steps.count < maxLane && attempts < maxLane {
                    let first = attempts == 0
                    attempts += 1
                    let span = s.beginSpan(label: first ? firstStepLabel : stepLabel)
                    defer { s.endSpan(span) }
                    guard first || s.flag(threshold: moreLane, label: stepLabel), case .some(let drawn) = try step(laneModel, &s) else { break }
                    guard let (command, index) = drawn else { continue }
                    _ = runModel(&laneModel, command)
                    steps.append(LaneStep(command: command, kind: kinds[index].name, kindIndex: index))
                }
                s.endSpan(laneSpan)
                lanes.append(steps)
            }
            return ConcurrentCase(prefix: prefix, lanes: lanes, enabledKinds: kinds.indices.filter { enabled[$0] }.map { kinds[$0].name })
        }
    }
}
