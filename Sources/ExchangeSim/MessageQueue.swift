import MarketSim

/// A binary min-heap of scheduled messages: earliest time first, ties in scheduling order.
///
/// The schedule sequence makes the order total, so delivery is deterministic whatever the heap's
/// shape. Storage is reserved up front and reused: pushing and popping never allocate once the
/// queue has reached its working size.
struct MessageQueue: Sendable {
    struct Entry: Sendable {
        var time: SimTime
        var sequence: UInt64
        var message: ScheduledMessage

        @inline(__always) func precedes(_ other: Entry) -> Bool {
            time.nanoseconds != other.time.nanoseconds ? time.nanoseconds < other.time.nanoseconds : sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    init(capacity: Int) { heap.reserveCapacity(max(capacity, 16)) }

    var count: Int { heap.count }

    /// The time of the earliest message, if any.
    var nextTime: SimTime? { heap.first?.time }

    mutating func schedule(_ message: ScheduledMessage, at time: SimTime) {
        heap.append(Entry(time: time, sequence: nextSequence, message: message))
        nextSequence &+= 1
        siftUp(heap.count - 1)
    }

    /// Removes and returns the earliest message if it is due at or before `limit`.
    mutating func popDue(notAfter limit: SimTime) -> Entry? {
        guard let first = heap.first, first.time <= limit else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        let entry = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let entry = heap[parent]
        let count = heap.count
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(entry) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = entry
    }
}
