import PropertyCheck

/// The engine's own decoding, fuzzed: any bytes, through a mix of generators (collections,
/// strings, doubles with every special, `flatMap`, `filter`, `recursive`, sets, dictionaries,
/// choices), must decode without a crash to a value that keeps every generator's contract, and
/// the canonical record of a case must replay to the same value, bit for bit.
public enum EngineDecoding {
    /// A small recursive value.
    public indirect enum Expr: Sendable, CustomStringConvertible {
        case lit(Int)
        case neg(Expr)
        case add(Expr, Expr)
        case list([Expr])

        public var description: String {
            switch self {
            case .lit(let n): ".lit(\(n))"
            case .neg(let e): ".neg(\(e))"
            case .add(let a, let b): ".add(\(a), \(b))"
            case .list(let items): ".list([\(items.map(\.description).joined(separator: ", "))])"
            }
        }

        public var depth: Int {
            switch self {
            case .lit: 0
            case .neg(let e): 1 + e.depth
            case .add(let a, let b): 1 + max(a.depth, b.depth)
            case .list(let items): 1 + (items.map(\.depth).max() ?? 0)
            }
        }
    }

    /// One value of each kind of generator.
    public struct Mix: Sendable, CustomStringConvertible {
        public var ints: [Int]
        public var small: Int8?
        public var unsigned: UInt32
        public var text: String
        public var ascii: String
        public var doubles: [Double]
        public var unit: Double
        public var set: Set<Int16>
        public var dictionary: [String: Int]
        public var dependent: (count: Int, items: [UInt8])
        public var odd: Int
        public var expr: Expr
        public var pick: String
        public var flags: [Bool]

        /// Every field, doubles as bit patterns, sets and dictionaries sorted: equal
        /// fingerprints mean the same value bit for bit.
        public var fingerprint: String {
            [
                "\(ints)", "\(String(describing: small))", "\(unsigned)", text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ","),
                ascii, doubles.map { String($0.bitPattern, radix: 16) }.joined(separator: ","), String(unit.bitPattern, radix: 16),
                "\(set.sorted())", dictionary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
                "\(dependent.count):\(dependent.items)", "\(odd)", expr.description, pick, "\(flags)",
            ].joined(separator: " | ")
        }

        public var description: String {
            """
            ints: \(ints)
            small: \(String(describing: small)), unsigned: \(unsigned)
            text: \(text.debugDescription), ascii: \(ascii.debugDescription)
            doubles: \(doubles), unit: \(unit)
            set: \(set.sorted()), dictionary: \(dictionary.sorted { $0.key < $1.key })
            dependent: \(dependent.count) → \(dependent.items)
            odd: \(odd), pick: \(pick), flags: \(flags)
            expr: \(expr)
            """
        }
    }

    static let doubleRange = -1.0e300...1.0e300

    static let expr = Gen<Expr>.recursive(leaf: Gen.int(in: -9...9).map(Expr.lit), maxDepth: 4) { child in
        .oneOf(
            Gen.int(in: -9...9).map(Expr.lit), child.map(Expr.neg), Gen.zip(child, child).map(Expr.add),
            Gen.array(of: child, count: 0...3).map(Expr.list))
    }

    static let ints = Gen.array(of: Gen.int(), count: 0...20)
    static let small = Gen<Int8>.any.optional
    static let unsigned = Gen<UInt32>.any
    static let text = Gen.string(of: .unicode, count: 0...16)
    static let ascii = Gen.string(of: .ascii, count: 2...8)
    static let doubles = Gen.array(of: Gen.double(in: doubleRange, including: .all), count: 0...8)
    static let unit = Gen.double(in: 0...1)
    static let set = Gen.set(of: Gen<Int16>.int(in: -40...40), count: 1...10)
    static let dictionary = Gen.dictionary(keys: Gen.string(of: .printableASCII, count: 0...3), values: Gen.int(in: 0...1000), count: 0...4)
    static let dependent = Gen.int(in: 0...6).flatMap { count in Gen.array(of: Gen<UInt8>.any, count: count...count).map { (count, $0) } }
    static let odd = Gen.int(in: -1000...1000).filter { $0 % 2 != 0 }
    static let pick = Gen.frequency([
        (weight: 3, generator: Gen.element(of: ["a", "b", "c"])),
        (weight: 1, generator: Gen.string(of: .printableASCII, count: 1...4)),
    ])
    static let flags = Gen.array(of: Gen.bool(probability: 0.2), count: 0...10)

    /// The mix, drawn imperatively field by field.
    public static let mix = Gen<Mix> { s throws(Rejection) in
        Mix(
            ints: try s.draw(ints), small: try s.draw(small), unsigned: try s.draw(unsigned), text: try s.draw(text),
            ascii: try s.draw(ascii), doubles: try s.draw(doubles), unit: try s.draw(unit), set: try s.draw(set),
            dictionary: try s.draw(dictionary), dependent: try s.draw(dependent), odd: try s.draw(odd), expr: try s.draw(expr),
            pick: try s.draw(pick), flags: try s.draw(flags))
    }

    /// A case: the value and the canonical bytes the stream recorded for it.
    public struct Case: Sendable, CustomStringConvertible {
        public let value: Mix
        public let recorded: [UInt8]
        public var description: String { value.description }
    }

    public static let cases = Gen<Case> { s throws(Rejection) in
        let value = try s.draw(mix)
        return Case(value: value, recorded: s.recorded)
    }

    /// Every generator's contract, and the record's replay.
    public static func property(_ c: Case) throws -> Bool {
        let v = c.value
        try require(v.ints.count <= 20, "ints: \(v.ints.count) elements, at most 20")
        try require((0...16).contains(v.text.unicodeScalars.count), "text: \(v.text.unicodeScalars.count) scalars")
        try require(v.text.unicodeScalars.allSatisfy { !(0xD800...0xDFFF).contains($0.value) }, "text: a surrogate")
        try require((2...8).contains(v.ascii.unicodeScalars.count) && v.ascii.unicodeScalars.allSatisfy(\.isASCII), "ascii: \(v.ascii.debugDescription)")
        try require(v.doubles.count <= 8, "doubles: \(v.doubles.count)")
        for d in v.doubles {
            try require(d.isNaN || d.isInfinite || doubleRange.contains(d), "double \(d) out of range and not a special")
        }
        try require(
            v.unit.isFinite && (0...1).contains(v.unit) && !(v.unit == 0 && v.unit.sign == .minus) && !v.unit.isSubnormal,
            "unit: \(v.unit) (no specials asked for)")
        try require((1...10).contains(v.set.count) && v.set.allSatisfy { (-40...40).contains($0) }, "set: \(v.set)")
        try require(v.dictionary.count <= 4 && v.dictionary.allSatisfy { $0.key.count <= 3 && (0...1000).contains($0.value) }, "dictionary: \(v.dictionary)")
        try require(v.dependent.items.count == v.dependent.count && (0...6).contains(v.dependent.count), "flatMap: \(v.dependent)")
        try require(v.odd % 2 != 0 && (-1000...1000).contains(v.odd), "filter: \(v.odd)")
        try require(v.expr.depth <= 4, "recursive: depth \(v.expr.depth) > 4")
        try require(["a", "b", "c"].contains(v.pick) || (1...4).contains(v.pick.count), "frequency: \(v.pick.debugDescription)")
        try require(v.flags.count <= 10, "flags: \(v.flags.count)")
        // The canonical record replays to the same value, bit for bit, and records itself.
        var again = ChoiceStream(replaying: c.recorded)
        guard let replayed = try? again.draw(mix) else {
            try require(false, "the record is rejected")
            return false
        }
        try require(replayed.fingerprint == v.fingerprint, "the record replays to another value:\n\(replayed)")
        try require(again.recorded == c.recorded, "the record of the record differs: \(again.recorded.count) vs \(c.recorded.count) bytes")
        return true
    }

    /// The fuzz target.
    public static let target = FuzzTarget(name: "engine-decoding") { bytes, shrink in
        let result = replay("engine-decoding", cases, bytes: bytes, shrink: shrink) { c, _ in try property(c) }
        let outcome: FuzzVerdict.Outcome
        switch result.exitReason {
        case .completed: outcome = .passed
        case .tooManyRejections: outcome = .rejected
        default: outcome = .failed
        }
        return FuzzVerdict(
            outcome: outcome, report: result.report, counterexampleBytes: result.counterexample?.bytes,
            counterexample: result.counterexample.map { $0.value.description }, signature: FuzzVerdict.signature(of: result))
    }
}
