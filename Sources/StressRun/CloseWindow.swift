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
///
/// Each entry keeps its value and serial together, so an append writes one array (one
/// uniqueness check, not two), and ring positions wrap by a comparison, not a division: every
/// strategy appends every symbol's close at every bar.
struct SlidingMaximum: Sendable {
    private var entries: ContiguousArray<(value: Double, serial: Int)>
    private var front = 0
    private var length = 0
    private var appended = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        entries = ContiguousArray(repeating: (0, 0), count: capacity)
    }

    /// `front + offset` on the ring (`offset` < `capacity`).
    private func slot(_ offset: Int) -> Int {
        let position = front + offset
        return position < capacity ? position : position - capacity
    }

    mutating func append(_ value: Double) {
        // Values at the back no larger than the new one can never be the maximum again.
        while length > 0, entries[slot(length - 1)].value <= value { length -= 1 }
        // The front leaves once it is older than the window.
        if length > 0, entries[front].serial <= appended - capacity {
            front = slot(1)
            length -= 1
        }
        entries[slot(length)] = (value, appended)
        length += 1
        appended += 1
    }

    /// The maximum of the window; only meaningful after an append.
    var maximum: Double { entries[front].value }
}
