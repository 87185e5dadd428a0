/// The last `capacity` closes of one symbol, oldest first: the fixed-size memory the built-in
/// strategies keep, so a step never allocates.
struct CloseWindow: Sendable {
    private var storage: ContiguousArray<Double>
    private var head = 0
    private(set) var count = 0

    /// The window's maximum, kept as values are appended (a crash evicts the maximum at every
    /// bar, so rescanning the window would cost `capacity` per bar just when it matters).
    private var running: SlidingMaximum

    init(capacity: Int) {
        storage = ContiguousArray(repeating: 0, count: max(capacity, 1))
        running = SlidingMaximum(capacity: max(capacity, 1))
    }

    var capacity: Int { storage.count }
    var isFull: Bool { count == storage.count }

    mutating func append(_ value: Double) {
        running.append(value)
        storage[(head + count) % storage.count] = value
        if count < storage.count { count += 1 } else { head = (head + 1) % storage.count }
    }

    /// The `i`-th oldest value (0 = oldest).
    subscript(i: Int) -> Double { storage[(head + i) % storage.count] }

    var oldest: Double { self[0] }
    var newest: Double { self[count - 1] }

    // The window only wraps once full, so the stored values are always `storage[..<count]`: the
    // order-free summaries read them straight, without the ring's index arithmetic.

    var mean: Double {
        var sum = 0.0
        for i in 0..<count { sum += storage[i] }
        return count == 0 ? 0 : sum / Double(count)
    }

    /// The largest value in the window (−∞ when empty).
    var maximum: Double { count == 0 ? -.infinity : running.maximum }
}

/// The maximum of the last `capacity` appended values in O(1) amortized per value: a queue of
/// the values that can still become the maximum (each smaller than the one before it), oldest
/// first, in a fixed ring (no allocation after `init`).
struct SlidingMaximum: Sendable {
    private var values: ContiguousArray<Double>
    private var serials: ContiguousArray<Int>
    private var front = 0
    private var length = 0
    private var appended = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        values = ContiguousArray(repeating: 0, count: capacity)
        serials = ContiguousArray(repeating: 0, count: capacity)
    }

    mutating func append(_ value: Double) {
        // Values at the back no larger than the new one can never be the maximum again.
        while length > 0, values[(front + length - 1) % capacity] <= value { length -= 1 }
        // The front leaves once it is older than the window.
        if length > 0, serials[front] <= appended - capacity {
            front = (front + 1) % capacity
            length -= 1
        }
        let slot = (front + length) % capacity
        values[slot] = value
        serials[slot] = appended
        length += 1
        appended += 1
    }

    /// The maximum of the window; only meaningful after an append.
    var maximum: Double { values[front] }
}
