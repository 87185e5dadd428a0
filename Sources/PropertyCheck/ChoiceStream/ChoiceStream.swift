/// The one stream of bytes from which every generated value is drawn.
///
/// A stream has three sources, and generators cannot tell them apart:
/// - **random**: bytes come from a seeded ``RandomSource`` (the `swift test` and CLI driver);
/// - **replay**: bytes come from a recorded byte string, and past its end every draw reads zero
///   (shrinking, regression files, `stresscheck replay`);
/// - **fuzzer**: libFuzzer's input, replayed as it is.
///
/// Every draw writes the *canonical* bytes of the choice it made into the record, so a case's
/// record replays to the same value bit for bit, and two inputs that decode to the same case have
/// the same record. Draws that would pass `maxBytes` return their simplest value and set
/// ``overran``: every input decodes to a valid case. See `docs/internals.md` for the byte layout.
///
/// A stream owns reference storage: pass it `inout`, never copy it.
public struct ChoiceStream {
    /// The bytes being replayed (empty in pure random generation).
    @usableFromInline var input: [UInt8]
    /// After the input: draw from the random source (`true`) or read zeros (`false`).
    @usableFromInline var randomTail: Bool
    /// The random source used for the tail.
    public var random: RandomSource
    @usableFromInline let storage: ByteStorage
    /// The number of bytes drawn so far; also the read position in the input.
    public var position: Int { cursor }
    @usableFromInline var cursor: Int
    /// The most bytes one case may draw.
    public let maxBytes: Int
    /// True once a draw was refused because the case reached `maxBytes`.
    public var overran: Bool { didOverrun }
    @usableFromInline var didOverrun = false
    @usableFromInline var recordsSpans: Bool
    /// The spans recorded, in the order they began (only when recording spans).
    public var spans: [Span] { recordedSpans }
    @usableFromInline var recordedSpans: [Span] = []
    @usableFromInline var openSpan: Int32 = -1
    @usableFromInline var recentCount: Int = 0
    @usableFromInline var recentNext: Int = 0

    /// A stream that generates from `seed` with nothing to replay.
    public init(seed: UInt64, maxBytes: Int = 16 * 1024) {
        self.init(replaying: [], randomTail: true, random: RandomSource(seed: seed), maxBytes: maxBytes, recordsSpans: false)
    }

    /// A stream that replays `bytes`, then reads zeros (or random bytes if `randomTail`).
    public init(
        replaying bytes: [UInt8], randomTail: Bool = false, random: RandomSource = RandomSource(seed: 0),
        maxBytes: Int = 16 * 1024, recordsSpans: Bool = false
    ) {
        input = bytes
        self.randomTail = randomTail
        self.random = random
        self.maxBytes = maxBytes
        storage = ByteStorage(capacity: maxBytes)
        cursor = 0
        self.recordsSpans = recordsSpans
    }

    /// Starts a new case on the same storage, keeping capacity (no allocation in the loop).
    @inlinable
    public mutating func reset(replaying bytes: [UInt8]? = nil, randomTail: Bool, recordsSpans: Bool = false) {
        if let bytes { input = bytes } else if !input.isEmpty { input = [] }
        self.randomTail = randomTail
        self.recordsSpans = recordsSpans
        cursor = 0
        didOverrun = false
        if !recordedSpans.isEmpty { recordedSpans.removeAll(keepingCapacity: true) }
        openSpan = -1
        recentCount = 0
        recentNext = 0
    }

    /// The canonical bytes drawn so far.
    public var recorded: [UInt8] { Array(UnsafeBufferPointer(start: storage.bytes, count: position)) }

    /// The recorded bytes without trailing zeros: past the end every draw reads zero, so these
    /// decode to the same case and are the case's identity for caching and shortlex comparison.
    public var normalized: [UInt8] {
        var n = position
        while n > 0 && storage.bytes[n - 1] == 0 { n -= 1 }
        return Array(UnsafeBufferPointer(start: storage.bytes, count: n))
    }

    /// True when the next byte comes from the random source rather than from replayed input.
    @inlinable @inline(__always)
    public var isGenerating: Bool { randomTail && position >= input.count }

    /// Draws a value from a generator: the way to compose generators imperatively, e.g. in a
    /// command generator that consults a model's state between draws.
    /// - Throws: ``Rejection`` when the case must be discarded.
    @inlinable @inline(__always)
    public mutating func draw<T>(_ generator: Gen<T>) throws(Rejection) -> T { try generator.body(&self) }
}

// MARK: - Imperative draws

extension ChoiceStream {
    /// An index in `0..<count`, uniform in random generation, shrinking toward 0: the building
    /// block of imperative generators (pick one of the model's symbols without building a
    /// generator per step).
    /// - Throws: ``Rejection/invalidGenerator(_:)`` when `count` is not positive.
    @inlinable
    public mutating func index(below count: Int, fileID: String = #fileID, line: Int = #line) throws(Rejection) -> Int {
        guard count > 0 else {
            throw .invalidGenerator(
                GeneratorError(
                    function: "ChoiceStream.index(below:)", message: "count is \(count); it must be at least 1",
                    fileID: fileID, line: line))
        }
        let bound = UInt64(count - 1)
        return Int(choice(bound: bound, label: 1) { $0.next(upTo: bound) })
    }

    /// A choice in `0...bound`, uniform in random generation, shrinking toward 0: the cheapest
    /// draw, for simulation code that takes many small choices (a market's shocks) and cannot
    /// throw.
    ///
    /// Uses as many bytes as `bound` needs (two for a 16-bit bound), big-endian, like every
    /// unsigned choice; a replayed value above `bound` reads as `bound`. Past `maxBytes` it
    /// returns 0 and sets ``overran``, as every draw does. All these choices share one span
    /// label, so the shrinker can zero them together.
    ///
    /// - Parameter bound: The largest value to return (any `UInt64`, `.max` included).
    /// - Returns: A value in `0...bound`; 0 past `maxBytes`.
    /// - Complexity: O(1), no allocation.
    @inlinable @inline(__always)
    public mutating func choice(upTo bound: UInt64) -> UInt64 {
        choice(bound: bound, label: 2) { $0.next(upTo: bound) }
    }
}

// MARK: - Primitive draws

extension ChoiceStream {
    /// Bytes needed to write a choice bounded by `bound`.
    @inlinable @inline(__always)
    static func width(for bound: UInt64) -> Int { (71 - bound.leadingZeroBitCount) >> 3 }

    /// Makes room for `count` bytes, or marks the case as overrun and refuses.
    @inlinable @inline(__always)
    mutating func reserve(_ count: Int) -> Bool {
        if didOverrun { return false }
        if cursor &+ count > maxBytes {
            didOverrun = true
            return false
        }
        return true
    }

    /// Writes `value` as `width` big-endian bytes at the current position and advances.
    @inlinable @inline(__always)
    mutating func record(_ value: UInt64, width: Int, label: UInt32) {
        let p = storage.bytes + position
        if position &+ 8 <= storage.capacity {
            // One unaligned eight-byte store, the draw's `width` bytes first: the bytes after
            // them are past the cursor, where nothing reads and the next draw writes.
            UnsafeMutableRawPointer(p).storeBytes(of: (value &<< UInt64((8 &- width) &* 8)).bigEndian, as: UInt64.self)
        } else {
            var shift = (width &- 1) &* 8
            for i in 0..<width {
                p[i] = UInt8(truncatingIfNeeded: value &>> UInt64(shift))
                shift &-= 8
            }
        }
        if recordsSpans { appendChoiceSpan(start: position, width: width, label: label) }
        cursor &+= width
    }

    /// Reads a choice in `0...bound` from the input (zeros past its end), records its canonical
    /// form and returns it. Bits above the bound's width are ignored; a value above the bound
    /// reads as the bound, so smaller bytes never decode to a larger choice.
    @inlinable
    mutating func replay(bound: UInt64, width: Int, label: UInt32) -> UInt64 {
        var raw: UInt64 = 0
        let count = input.count
        if position &+ 8 <= count {
            // Eight bytes in one unaligned load, the draw's `width` of them first.
            let word = input.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt64.self) }
            raw = width == 0 ? 0 : UInt64(bigEndian: word) &>> UInt64((8 &- width) &* 8)
        } else {
            for i in 0..<width {
                let at = position &+ i
                raw = raw &<< 8 | UInt64(at < count ? input[at] : 0)
            }
        }
        let bits = 64 - bound.leadingZeroBitCount
        let masked = bits == 64 ? raw : raw & ((1 &<< UInt64(bits)) &- 1)
        let value = min(masked, bound)
        record(value, width: width, label: label)
        return value
    }

    /// Draws one unsigned choice in `0...bound`, generating it with `generate` in random mode.
    @inlinable @inline(__always)
    mutating func choice(bound: UInt64, label: UInt32, generate: (inout RandomSource) -> UInt64) -> UInt64 {
        let width = ChoiceStream.width(for: bound)
        guard reserve(width) else { return 0 }
        if isGenerating {
            let value = min(generate(&random), bound)
            record(value, width: width, label: label)
            return value
        }
        return replay(bound: bound, width: width, label: label)
    }

    /// Draws a one-byte flag that is 1 with the probability given by `threshold` in random mode.
    @inlinable @inline(__always)
    mutating func flag(threshold: UInt64, label: UInt32) -> Bool {
        guard reserve(1) else { return false }
        if isGenerating {
            let on = random.next() < threshold
            record(on ? 1 : 0, width: 1, label: label)
            return on
        }
        return replay(bound: 1, width: 1, label: label) == 1
    }

    /// Overwrites the `width` bytes at `offset` with `value` (used to canonicalize a draw whose
    /// decoded value was clamped after its bytes were read).
    @inlinable
    mutating func rewrite(_ value: UInt64, at offset: Int, width: Int) {
        let p = storage.bytes + offset
        var shift = (width &- 1) &* 8
        for i in 0..<width {
            p[i] = UInt8(truncatingIfNeeded: value &>> UInt64(shift))
            shift &-= 8
        }
    }

    /// Remembers an integer drawn in random mode, for reuse by later draws of the case.
    @inlinable @inline(__always)
    mutating func remember(_ value: Int128) {
        storage.recent[recentNext] = value
        recentNext = (recentNext &+ 1) & (ByteStorage.recentCapacity &- 1)
        if recentCount < ByteStorage.recentCapacity { recentCount &+= 1 }
    }

    /// One of the integers drawn earlier in this case, if any.
    @inlinable
    mutating func recall() -> Int128? {
        if recentCount == 0 { return nil }
        let index = Int(random.next(upTo: UInt64(recentCount &- 1)))
        return storage.recent[index]
    }
}

// MARK: - Spans

extension ChoiceStream {
    @usableFromInline
    mutating func appendChoiceSpan(start: Int, width: Int, label: UInt32) {
        recordedSpans.append(Span(start: Int32(start), end: Int32(start + width), label: label, parent: openSpan, isChoice: true))
    }

    /// Opens a span; returns its index (or -1 when spans are not recorded).
    @inlinable @inline(__always)
    public mutating func beginSpan(label: UInt32) -> Int32 {
        guard recordsSpans else { return -1 }
        return beginRecordedSpan(label: label)
    }

    @usableFromInline
    mutating func beginRecordedSpan(label: UInt32) -> Int32 {
        let index = Int32(recordedSpans.count)
        recordedSpans.append(Span(start: Int32(position), end: -1, label: label, parent: openSpan, isChoice: false))
        openSpan = index
        return index
    }

    /// Opens a span labelled `label`; close it with ``endSpan(_:)``. Prefer ``span(_:_:)``.
    @inlinable @inline(__always)
    public mutating func beginSpan(_ label: SpanLabel) -> Int32 { beginSpan(label: label.rawValue) }

    /// Draws with `body` inside a span labelled `label`: marks one unit of a hand-written
    /// generator (an element, a node, a command) for the shrinker. See ``SpanLabel``.
    /// - Throws: whatever `body` throws; the case is then discarded.
    @inlinable
    public mutating func span<T>(_ label: SpanLabel, _ body: (inout ChoiceStream) throws(Rejection) -> T) throws(Rejection) -> T {
        let index = beginSpan(label: label.rawValue)
        let value = try body(&self)
        endSpan(index)
        return value
    }

    /// A flag, `true` with `probability` in random generation, shrinking to `false`: the
    /// "one more?" of a hand-written collection. One byte.
    @inlinable
    public mutating func flag(probability: Double) -> Bool {
        flag(threshold: RandomSource.threshold(probability: probability), label: 3)
    }

    /// Reads one byte and records it as zero: a choice that has only one answer here but must
    /// keep its place, so that the bytes after it line up with other places that have a choice.
    @inlinable
    mutating func fixedZero(label: UInt32) {
        guard reserve(1) else { return }
        record(0, width: 1, label: label)
    }

    /// Closes the span opened by `beginSpan`.
    @inlinable @inline(__always)
    public mutating func endSpan(_ index: Int32) {
        guard index >= 0 else { return }
        endRecordedSpan(index)
    }

    /// Closes a span and gives it another label: a collection's "stop" flag must not look like
    /// one of its elements, or sorting elements would move the stop to the front.
    @inlinable @inline(__always)
    mutating func endSpan(_ index: Int32, relabel label: UInt32) {
        guard index >= 0 else { return }
        recordedSpans[Int(index)].label = label
        endRecordedSpan(index)
    }

    @usableFromInline
    mutating func endRecordedSpan(_ index: Int32) {
        recordedSpans[Int(index)].end = Int32(cursor)
        openSpan = recordedSpans[Int(index)].parent
    }
}
