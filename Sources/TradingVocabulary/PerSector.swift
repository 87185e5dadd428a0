/// One value for each of the 19 sectors, read and written by `Sector`: an array indexed by
/// `Sector.index`, with the sector as its subscript.
///
/// Why not `[Sector: Value]`: observations of sector caps are built and read millions of times
/// per second, and a dictionary hashes on every read. Why not `InlineArray`: a 19-element value
/// that big is copied whole at every non-inlined call and closure capture (measured: a third of
/// a differential check's time was `memcpy`); an array's copy is one retain.
public struct PerSector<Value> {
    @usableFromInline var storage: ContiguousArray<Value>

    /// Every sector has `value`.
    @inlinable
    public init(repeating value: Value) { storage = ContiguousArray(repeating: value, count: 19) }

    /// Each sector has `value(sector)`, computed in `Sector.allCases` order. Name the value
    /// type (`PerSector<Cents> { … }`): a trailing closure could also be a `repeating` value.
    @inlinable
    public init(_ value: (Sector) throws -> Value) rethrows {
        storage = []
        storage.reserveCapacity(19)
        for sector in Sector.all { storage.append(try value(sector)) }
    }

    @inlinable
    public subscript(sector: Sector) -> Value {
        get { storage[sector.index] }
        set { storage[sector.index] = newValue }
        _modify { yield &storage[sector.index] }
    }
}

extension PerSector: RandomAccessCollection {
    public typealias Index = Int
    // Plain `Range` indices and the array's own iterator: the defaults (`DefaultIndices`, an
    // indexing iterator over `self`) retain the table and go through this type's subscript.
    public typealias Indices = Range<Int>
    public typealias Iterator = IndexingIterator<ContiguousArray<Value>>
    @inlinable public var indices: Range<Int> { 0..<19 }
    @inlinable public func makeIterator() -> Iterator { storage.makeIterator() }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { 19 }
    @inlinable public subscript(position: Int) -> Value { storage[position] }
}

extension PerSector: Sendable where Value: Sendable {}

extension PerSector: Equatable where Value: Equatable {
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage == rhs.storage
    }
}

extension PerSector: Hashable where Value: Hashable {
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
    }
}

/// One value for each of the 3 sector groups, read and written by `SectorGroup`, stored inline:
/// three values are small enough to copy, and saving the allocation matters (see `PerSector`).
public struct PerGroup<Value> {
    @usableFromInline var storage: InlineArray<3, Value>

    /// Every group has `value`.
    @inlinable
    public init(repeating value: Value) { storage = InlineArray(repeating: value) }

    /// Each group has `value(group)`, computed in `SectorGroup.allCases` order.
    @inlinable
    public init(_ value: (SectorGroup) throws -> Value) rethrows {
        storage = InlineArray(repeating: try value(.defi))
        storage[1] = try value(.layer1)
        storage[2] = try value(.speculative)
    }

    @inlinable
    public subscript(group: SectorGroup) -> Value {
        get { storage[group.index] }
        set { storage[group.index] = newValue }
        _modify { yield &storage[group.index] }
    }
}

extension PerGroup: RandomAccessCollection {
    public typealias Index = Int
    public typealias Indices = Range<Int>
    @inlinable public var indices: Range<Int> { 0..<3 }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { 3 }
    @inlinable public subscript(position: Int) -> Value { storage[position] }
}

extension PerGroup: Sendable where Value: Sendable {}

extension PerGroup: Equatable where Value: Equatable {
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage[0] == rhs.storage[0] && lhs.storage[1] == rhs.storage[1] && lhs.storage[2] == rhs.storage[2]
    }
}

extension PerGroup: Hashable where Value: Hashable {
    @inlinable
    public func hash(into hasher: inout Hasher) {
        for index in 0..<3 { hasher.combine(storage[index]) }
    }
}
