/// A labelled range of a test case's bytes, made by one draw or one generator.
///
/// The shrinker works on bytes, but blind byte edits rarely keep a case meaningful. Spans tell it
/// where one element, one command or one branch begins and ends, so that it can delete, zero,
/// reorder or replace whole units. A span is a *choice* when it is one primitive draw: its bytes
/// are one big-endian unsigned number that smaller is simpler for.
public struct Span: Sendable, Equatable {
    /// First byte of the span.
    public var start: Int32
    /// One past the last byte of the span.
    public var end: Int32
    /// Identifies the generator that drew the span; equal labels mean interchangeable bytes.
    public var label: UInt32
    /// Index of the enclosing span in the case's span list, or -1 at top level.
    public var parent: Int32
    /// True for a primitive draw (a leaf).
    public var isChoice: Bool

    @inlinable
    public var count: Int { Int(end - start) }
    @inlinable
    public var range: Range<Int> { Int(start)..<Int(end) }
}

/// Unique labels for generators, so that spans of one generator can be told from another's.
@usableFromInline
enum SpanLabel {
    @usableFromInline static func next() -> UInt32 { counter.add(1, ordering: .relaxed).newValue }
}

import Synchronization
private let counter = Atomic<UInt32>(1000)
