extension StateMachineCheck {
    /// The generator of command sequences.
    ///
    /// Layout: with swarm testing, a "swarm?" flag and, if it is set, one "disabled?" flag per
    /// command kind (0 = enabled, so shrinking enables every kind); then per step a "more?" flag, the kind choice over all
    /// kinds by weight (an unavailable kind becomes the next available one, so indices do not
    /// shift when availability changes), and the command's own draws. The model runs as the
    /// sequence is drawn.
    @inlinable
    public var sequences: Gen<CommandSequence<Command, Observation>> {
        let kinds = commands
        let totalWeight = UInt64(kinds.reduce(0) { $0 + max($1.weight, 1) })
        let cumulative = kinds.reduce(into: [UInt64]()) { $0.append(($0.last ?? 0) + UInt64(max($1.weight, 1))) }
        let maxSteps = maxSteps
        let average = averageSteps ?? max(maxSteps / 2, 1)
        let more = RandomSource.threshold(probability: Double(average) / Double(average + 1))
        let swarm = swarm && kinds.count > 1
        let makeModel = model
        let runModel = runModel
        let label = SpanLabel.next()
        let stepLabel = SpanLabel.next()
        let kindLabel = SpanLabel.next()
        let swarmLabel = SpanLabel.next()
        let half = RandomSource.threshold(probability: 0.5)
        let problem =
            kinds.isEmpty
            ? GeneratorError(function: "StateMachineCheck", message: "no command kinds", fileID: "", line: 0)
            : maxSteps < 1
                ? GeneratorError(
                    function: "StateMachineCheck", message: "maxSteps is \(maxSteps): every case would run no command and pass; give at least 1",
                    fileID: "", line: 0)
                : nil
        return Gen(label: label, problem: problem) { s throws(Rejection) in
            var enabled = [Bool](repeating: true, count: kinds.count)
            if swarm {
                if s.flag(threshold: half, label: swarmLabel) {
                    for index in kinds.indices { enabled[index] = !s.flag(threshold: half, label: swarmLabel) }
                }
                if !enabled.contains(true) { enabled = enabled.map { _ in true } }
            }
            var model = makeModel()
            var steps: [CommandStep<Command, Observation>] = []
            steps.reserveCapacity(min(maxSteps, 128))
            while steps.count < maxSteps {
                let span = s.beginSpan(label: stepLabel)
                guard s.flag(threshold: more, label: stepLabel) else {
                    s.endSpan(span)
                    break
                }
                // Which kinds may be drawn now, as bits (no allocation per step; at most 64 kinds).
                var available: UInt64 = 0
                for index in kinds.indices where index < 64 && enabled[index] && (kinds[index].availability?(model) ?? true) {
                    available |= 1 << UInt64(index)
                }
                guard available != 0 else {
                    s.endSpan(span)
                    break
                }
                let pick = s.choice(bound: totalWeight - 1, label: kindLabel) { $0.next(upTo: totalWeight - 1) }
                var index = cumulative.firstIndex { pick < $0 } ?? 0
                while available & (1 << UInt64(index)) == 0 { index = (index + 1) % kinds.count }
                let command = try kinds[index].draw(model, &s)
                guard kinds[index].argumentCheck?(model, command) ?? true else {
                    s.endSpan(span)
                    continue
                }
                let observed = runModel(&model, command)
                steps.append(CommandStep(command: command, kind: kinds[index].name, kindIndex: index, expected: consume observed))
                s.endSpan(span)
            }
            return CommandSequence(steps: steps, enabledKinds: kinds.indices.filter { enabled[$0] }.map { kinds[$0].name })
        }
    }
}
