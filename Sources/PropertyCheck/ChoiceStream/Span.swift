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

/// A label for the spans of a hand-written generator.
///
/// The shrinker treats spans with one label as interchangeable: it sorts runs of them, replaces
/// one by another nested in it, zeroes all their choices at once. Built-in generators label their
/// own spans; a generator written with `Gen { stream in … }` labels the units it draws (one
/// order, one node, one command) by making a label once, next to the generator, and opening a
/// span with it around each unit:
///
/// ```swift
/// let order = SpanLabel()
/// let orders = Gen<[Order]> { s throws(Rejection) in
///     var result: [Order] = []
///     while s.flag(probability: 0.8) {
///         result.append(try s.span(order) { s throws(Rejection) in
///             Order(quantity: try s.draw(.int(in: 1...100)), limit: try s.draw(.int(in: 1...1_000)))
///         })
///     }
///     return result
/// }
/// ```
///
/// Every `SpanLabel()` is distinct from every other label, including the built-in generators'.
/// Make labels once, outside the drawing closure: a label made per draw matches nothing.
public struct SpanLabel: Sendable, Hashable {
    /// The number stored in ``Span/label``.
    public let rawValue: UInt32

    /// A new label, distinct from every label made before it in this process.
    public init() { rawValue = SpanLabel.next() }

    /// A fresh raw label (the built-in generators use these directly).
    @usableFromInline static func next() -> UInt32 { counter.add(1, ordering: .relaxed).newValue }
}

import Synchronization
private let counter = Atomic<UInt32>(1000)
