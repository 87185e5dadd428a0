/// Fixed-capacity raw memory for a stream's recorded bytes and recent values.
///
/// The stream writes every choice it makes; with an `Array` each byte would pay a uniqueness and
/// capacity check. Here capacity is checked once per draw (`ChoiceStream.reserve`) and bytes are
/// stored through a pointer, which keeps generation free of allocation and of bounds checks.
@usableFromInline
final class ByteStorage {
    @usableFromInline let bytes: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    /// The last values drawn by integer generators, for "reuse" in random generation.
    @usableFromInline let recent: UnsafeMutablePointer<Int128>
    @usableFromInline static var recentCapacity: Int { 16 }

    @usableFromInline
    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: max(capacity, 1))
        recent = .allocate(capacity: ByteStorage.recentCapacity)
        recent.initialize(repeating: 0, count: ByteStorage.recentCapacity)
    }

    deinit {
        bytes.deallocate()
        recent.deallocate()
    }
}
