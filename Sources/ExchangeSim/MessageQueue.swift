import MarketSim

/// The scheduler's queue: earliest time first, ties in scheduling order.
///
/// Two stores behind one order: a binary min-heap for messages, and a FIFO for the client's
/// deadline timers, which are always scheduled at now + the (constant) timeout and so arrive in
/// time order already — a third of all scheduled items skip the heap. The schedule sequence
/// makes the order total, so delivery is deterministic. Storage is reserved up front and reused:
/// scheduling and delivering never allocate once the queue has reached its working size.
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
    /// Entries scheduled in non-decreasing time order, from `timersHead` on.
    private var timers: [Entry] = []
    private var timersHead = 0
    private var nextSequence: UInt64 = 0

    init(capacity: Int) {
        heap.reserveCapacity(max(capacity, 16))
        timers.reserveCapacity(max(capacity, 16))
    }

    var count: Int { heap.count + timers.count - timersHead }

    mutating func schedule(_ message: ScheduledMessage, at time: SimTime) {
        heap.append(Entry(time: time, sequence: nextSequence, message: message))
        nextSequence &+= 1
        siftUp(heap.count - 1)
    }

    /// Schedules an item no earlier than every item scheduled this way before (the FIFO's order
    /// is time order).
    mutating func scheduleInOrder(_ message: ScheduledMessage, at time: SimTime) {
        precondition(timers.last.map { $0.time <= time } ?? true, "scheduleInOrder needs non-decreasing times")
        timers.append(Entry(time: time, sequence: nextSequence, message: message))
        nextSequence &+= 1
    }

    /// Removes and returns the earliest item if it is due at or before `limit`.
    mutating func popDue(notAfter limit: SimTime) -> Entry? {
        let timer = timersHead < timers.count ? timers[timersHead] : nil
        if let timer, heap.first.map({ timer.precedes($0) }) ?? true {
            guard timer.time <= limit else { return nil }
            timersHead += 1
            if timersHead == timers.count {
                timers.removeAll(keepingCapacity: true)
                timersHead = 0
            } else if timersHead >= 1_024, timersHead * 2 >= timers.count {
                timers.removeFirst(timersHead)  // slides the live tail down, keeping the storage
                timersHead = 0
            }
            return timer
        }
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
