/// The last `capacity` closes of one symbol, oldest first: the fixed-size memory the built-in
/// strategies keep, so a step never allocates.
struct CloseWindow: Sendable {
    private var storage: ContiguousArray<Double>
    private var head = 0
    private(set) var count = 0

    init(capacity: Int) {
        storage = ContiguousArray(repeating: 0, count: max(capacity, 1))
    }

    var capacity: Int { storage.count }
    var isFull: Bool { count == storage.count }

    mutating func append(_ value: Double) {
        storage[(head + count) % storage.count] = value
        if count < storage.count { count += 1 } else { head = (head + 1) % storage.count }
    }

    /// The `i`-th oldest value (0 = oldest).
    subscript(i: Int) -> Double { storage[(head + i) % storage.count] }

    var oldest: Double { self[0] }
    var newest: Double { self[count - 1] }

    var mean: Double {
        var sum = 0.0
        for i in 0..<count { sum += self[i] }
        return count == 0 ? 0 : sum / Double(count)
    }

    var maximum: Double {
        var best = -Double.infinity
        for i in 0..<count { best = max(best, self[i]) }
        return best
    }
}
