/// A queue of at most `capacity` integers in a ring buffer: the system under test.
public struct BoundedQueue: Sendable {
    private var slots: [Int]
    private var head = 0
    public private(set) var count = 0
    /// The bug the second machine checks: the back written at `count` instead of `head + count`.
    let writesStaleSlot: Bool

    public init(capacity: Int, writesStaleSlot: Bool = false) {
        slots = Array(repeating: 0, count: capacity)
        self.writesStaleSlot = writesStaleSlot
    }

    /// Adds `value` at the back; false (and nothing changes) when the queue is full.
    public mutating func push(_ value: Int) -> Bool {
        guard count < slots.count else { return false }
        slots[((writesStaleSlot ? 0 : head) + count) % slots.count] = value
        count += 1
        return true
    }

    /// Removes and returns the front value; nil when the queue is empty.
    public mutating func pop() -> Int? {
        guard count > 0 else { return nil }
        let value = slots[head]
        head = (head + 1) % slots.count
        count -= 1
        return value
    }
}
