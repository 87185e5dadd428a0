/// Targeted search: hill climbing on the scores a property reports with `context.target`.
///
/// Once half the cases have run, every other case is a mutant of the best-scoring case so far:
/// one of its choices is replaced by a random value or nudged up or down, the rest of its bytes
/// are kept, and anything it draws past them is random. A higher score replaces the best.
struct TargetSearch {
    private var best: [String: (score: Double, bytes: [UInt8])] = [:]

    mutating func observe(_ scores: [String: Double], bytes: [UInt8]) {
        for (label, score) in scores where score > (best[label]?.score ?? -.infinity) {
            best[label] = (score, bytes)
        }
    }

    /// Bytes for the next case, or `nil` to generate a fresh random one.
    func mutant<Value>(runner: Runner<Value>) -> [UInt8]? {
        guard !best.isEmpty, runner.stream.random.next() & 1 == 0 else { return nil }
        let labels = best.keys.sorted()
        let label = labels[Int(runner.stream.random.next(upTo: UInt64(labels.count - 1)))]
        guard let bytes = best[label]?.bytes, let decoded = runner.decode(bytes) else { return nil }
        let choices = decoded.spans.filter { $0.isChoice && $0.count <= 8 }
        guard !choices.isEmpty else { return nil }
        var random = runner.stream.random
        defer { runner.stream.random = random }
        let span = choices[Int(random.next(upTo: UInt64(choices.count - 1)))]
        var mutated = bytes + [UInt8](repeating: 0, count: max(0, Int(span.end) - bytes.count))
        var value: UInt64 = 0
        for i in span.range { value = value << 8 | UInt64(mutated[i]) }
        let step = 1 + random.next(upTo: 15)
        switch random.next() % 4 {
        case 0, 1: value = random.next()
        case 2: value &+= step
        default: value = value >= step ? value - step : 0
        }
        for i in span.range.reversed() {
            mutated[i] = UInt8(truncatingIfNeeded: value)
            value >>= 8
        }
        return mutated
    }
}
