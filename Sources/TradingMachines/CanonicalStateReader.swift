#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fast path of the state files' reader: it reads only the exact bytes `StateStore.encode`
/// writes (no whitespace, members in their written order, integers as `String(Int)` writes
/// them, strings without escapes) straight into a snapshot, without building a `StateJSON`
/// tree. Anything else, however slight, makes it give up (`nil`), and the general reader
/// (`StateStore.decodeGeneral`) reads the bytes and gives the error a corrupt file deserves.
///
/// Why it exists: every restart of the super-state and the trading mode saves and reloads its
/// file, and the general reader, building a tree of strings first, took half of a
/// differential check's time. Two readers of one format must never disagree: the tests and
/// the `state-file` fuzz target hold this one to the general reader on every input (it gives
/// up, or it reads the same snapshot).
public struct CanonicalStateReader: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// True when every byte has been read.
    var isAtEnd: Bool { position == bytes.count }

    /// Reads `text` if the bytes continue with it.
    public mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - position >= count, let base = bytes.baseAddress, memcmp(base + position, text.utf8Start, count) == 0 else { return false }
        position += count
        return true
    }

    /// Reads `"text"` (no escapes: every string a state file holds is plain).
    mutating func quoted(_ text: String) -> Bool {
        let start = position
        guard literal("\"") else { return false }
        for byte in text.utf8 {
            guard position < bytes.count, bytes[position] == byte else {
                position = start
                return false
            }
            position += 1
        }
        guard literal("\"") else {
            position = start
            return false
        }
        return true
    }

    /// Reads `true` or `false`.
    public mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// Reads an integer as `String(Int)` writes it: an optional `-`, then `0` or digits without
    /// a leading zero, within `Int`. A fraction or an exponent stops at the `.`/`e`, which the
    /// caller's next literal then rejects.
    public mutating func integer() -> Int? {
        let start = position
        let negative = literal("-")
        guard position < bytes.count, let first = Self.digit(bytes[position]) else {
            position = start
            return nil
        }
        position += 1
        var magnitude = UInt64(first)
        if first != 0 {
            while position < bytes.count, let next = Self.digit(bytes[position]) {
                let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times10.addingReportingOverflow(UInt64(next))
                guard !overflow, !carry else {
                    position = start
                    return nil
                }
                magnitude = sum
                position += 1
            }
        }
        // `-0` is not what `String(Int)` writes, and Int.min's magnitude is one past Int.max.
        guard !(negative && magnitude == 0), magnitude <= (negative ? UInt64(Int.max) + 1 : UInt64(Int.max)) else {
            position = start
            return nil
        }
        return negative ? Int(truncatingIfNeeded: 0 &- magnitude) : Int(magnitude)
    }

    /// Reads one of `table`'s cases, quoted.
    public mutating func enumCase<Case>(_ table: JSONCaseTable<Case>) -> Case? {
        let remaining = bytes.count - position
        guard remaining >= 2, let base = bytes.baseAddress, base[position] == UInt8(ascii: "\"") else { return nil }
        let here = base + position
        let found = table.names.withUnsafeBufferPointer { names -> Int? in
            guard let names = names.baseAddress else { return nil }
            // Only the cases whose name starts with the input's first letter; at most one of
            // them matches, as a quoted name ends at its closing quote.
            var index = table.firstWithLetter[Int(here[1])]
            while index >= 0 {
                let span = table.spans[index]
                if span.count <= remaining, memcmp(here + 2, names + span.start + 2, span.count - 2) == 0 { return index }
                index = table.nextWithLetter[index]
            }
            return nil
        }
        guard let found else { return nil }
        position += table.spans[found].count
        return table.values[found]
    }

    /// Reads `[element,element,…]`, each element by `read`.
    public mutating func array<Element>(_ read: (inout CanonicalStateReader) -> Element?) -> [Element]? {
        guard literal("[") else { return nil }
        var elements: [Element] = []
        if literal("]") { return elements }
        repeat {
            guard let element = read(&self) else { return nil }
            elements.append(element)
        } while literal(",")
        return literal("]") ? elements : nil
    }

    /// Reads a history entry of either machine, `{"cause":…,"from":"…","to":"…"}`, the cause by
    /// `cause` and the states from `states`.
    mutating func transition<Cause, State>(
        cause readCause: (inout CanonicalStateReader) -> Cause?, states: JSONCaseTable<State>
    ) -> (cause: Cause, from: State, to: State)? {
        guard literal(#"{"cause":"#), let cause = readCause(&self), literal(#","from":"#), let from = enumCase(states),
            literal(#","to":"#), let to = enumCase(states), literal("}")
        else { return nil }
        return (cause, from, to)
    }

    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}

/// A string enum's cases with their quoted raw values as bytes, for `CanonicalStateReader`
/// (built once per enum: comparing bytes beats making a `String` and switching on it).
public struct JSONCaseTable<Case: Sendable & Equatable>: Sendable {
    /// Every case's quoted raw value, back to back, and where each lies in it. (One buffer, not
    /// an array per case, whose loop retained and released each one: reading a case went from
    /// 220 to 170 instructions, the super-state check's instructions ×0.99.)
    let names: [UInt8]
    let spans: [(start: Int, count: Int)]
    let values: [Case]
    /// For each byte, the first case whose raw value starts with it (-1: none), and for each
    /// case the next one with the same first letter: a read compares the input with those
    /// cases only (it compared every case's opening quote and first letter before: 170
    /// instructions a read).
    let firstWithLetter: [Int]
    let nextWithLetter: [Int]

    public init(_ cases: [Case], rawValue: (Case) -> String) {
        var names: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        for value in cases {
            let raw = rawValue(value)
            // The bytes are written as they are: a raw value that JSON must escape would need `writeString`.
            precondition(!raw.utf8.contains(where: StateJSON.needsEscape), "\(raw) needs escaping in JSON")
            let quoted = Array("\"\(raw)\"".utf8)
            spans.append((names.count, quoted.count))
            names += quoted
        }
        (self.names, self.spans, values) = (names, spans, cases)
        var first = [Int](repeating: -1, count: 256)
        var next = [Int](repeating: -1, count: cases.count)
        for index in spans.indices.reversed() {
            // An empty raw value (`""`) has no first letter: its closing quote stands for it.
            let letter = Int(names[spans[index].start + 1])
            next[index] = first[letter]
            first[letter] = index
        }
        (firstWithLetter, nextWithLetter) = (first, next)
    }

    /// `value`'s raw value, quoted, as bytes (what the writer appends).
    func quoted(_ value: Case) -> ArraySlice<UInt8> {
        guard let index = values.firstIndex(of: value) else { preconditionFailure("\(value) is not in its case table") }
        let span = spans[index]
        return names[span.start..<span.start + span.count]
    }
}

extension [UInt8] {
    /// Appends `text`'s bytes (the state files' fixed punctuation and keys).
    mutating func appendLiteral(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `[e,e,…]`, each element written by `write`.
    mutating func appendArray<Value>(_ elements: [Value], _ write: (Value, inout [UInt8]) -> Void) {
        appendLiteral("[")
        for position in elements.indices {
            if position > 0 { appendLiteral(",") }
            write(elements[position], &self)
        }
        appendLiteral("]")
    }

    /// Appends a history entry of either machine: `{"cause":…,"from":"…","to":"…"}`, the cause
    /// written by `writeCause`.
    mutating func appendTransition<State>(cause writeCause: (inout [UInt8]) -> Void, from: State, to: State, states: JSONCaseTable<State>) {
        appendLiteral(#"{"cause":"#)
        writeCause(&self)
        appendLiteral(#","from":"#)
        append(contentsOf: states.quoted(from))
        appendLiteral(#","to":"#)
        append(contentsOf: states.quoted(to))
        appendLiteral("}")
    }
}

/// Every history entry's bytes, one per (cause, from, to), written once by the entry's writer:
/// a state file's history is then written by copying them, one append an entry instead of
/// seven (a restart writes the whole history).
struct HistoryEntryBytes<Cause: Equatable & Sendable, State: Equatable & Sendable>: Sendable {
    let causes: [Cause]
    let states: [State]
    let entries: [[UInt8]]

    init(causes: [Cause], states: [State], write: (Cause, State, State, inout [UInt8]) -> Void) {
        self.causes = causes
        self.states = states
        var entries: [[UInt8]] = []
        for cause in causes {
            for from in states {
                for to in states {
                    var bytes: [UInt8] = []
                    write(cause, from, to, &bytes)
                    entries.append(bytes)
                }
            }
        }
        self.entries = entries
    }

    /// The bytes of the entry (cause, from, to).
    func bytes(cause: Cause, from: State, to: State) -> [UInt8] {
        guard let c = causes.firstIndex(of: cause), let f = states.firstIndex(of: from), let t = states.firstIndex(of: to) else {
            preconditionFailure("a history entry outside its table: \(cause) \(from) → \(to)")
        }
        return entries[(c * states.count + f) * states.count + t]
    }
}
