/// Which characters a string generator draws.
public enum Alphabet: Sendable {
    /// The 95 printable ASCII characters.
    case printableASCII
    /// All 128 ASCII characters, control characters included.
    case ascii
    /// Every Unicode scalar value (surrogates excluded).
    case unicode

    /// Largest choice for one character.
    var bound: UInt64 {
        switch self {
        case .printableASCII: 94
        case .ascii: 127
        case .unicode: 0x10FFFF - 0x800
        }
    }

    /// ASCII in shrink order: letters first, so simple strings read as words.
    static let asciiOrder: [UInt8] = {
        var order =
            Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            + Array(UInt8(ascii: "0")...UInt8(ascii: "9")) + [UInt8(ascii: " ")]
        order += (32...126).map(UInt8.init).filter { !order.contains($0) }
        order += (0..<32).map(UInt8.init) + [127]
        return order
    }()

    /// The scalar for a choice (choices past ASCII skip the surrogate block).
    static func scalar(_ choice: UInt64) -> Unicode.Scalar {
        if choice < 128 { return Unicode.Scalar(asciiOrder[Int(choice)]) }
        let value = UInt32(choice < 0xD800 ? choice : choice + 0x800)
        return Unicode.Scalar(value) ?? " "
    }

    /// Random mode: mostly printable ASCII, with control characters, other planes, combining
    /// marks and emoji mixed in for `unicode`.
    func randomChoice(_ r: inout RandomSource) -> UInt64 {
        switch self {
        case .printableASCII: return r.next(upTo: 94)
        case .ascii: return r.next() & 7 == 0 ? r.next(upTo: 127) : r.next(upTo: 94)
        case .unicode:
            switch r.next() & 15 {
            case 0..<8: return r.next(upTo: 94)
            case 8..<10: return r.next(upTo: 127)
            case 10..<12: return 128 + r.next(upTo: 0xD7FF - 128)
            case 12: return 0x300 + r.next(upTo: 0x6F)
            case 13: return 0x1F600 - 0x800 + r.next(upTo: 0x4F)
            default: return r.next(upTo: Alphabet.unicode.bound)
            }
        }
    }
}

extension Gen where Value == Unicode.Scalar {
    /// One scalar from `alphabet`, shrinking toward "a".
    public static func scalar(in alphabet: Alphabet = .printableASCII) -> Gen<Unicode.Scalar> {
        let bound = alphabet.bound
        let label = SpanLabel.next()
        return Gen(label: label) { s throws(Rejection) in
            Alphabet.scalar(s.choice(bound: bound, label: label) { alphabet.randomChoice(&$0) })
        }
    }
}

extension Gen where Value == String {
    /// Strings of `count` scalars from `alphabet` (printable ASCII by default), shrinking toward
    /// shorter strings of "a"s.
    public static func string(
        of alphabet: Alphabet = .printableASCII, count: ClosedRange<Int> = 0...Int.max, average: Int? = nil,
        fileID: String = #fileID, line: Int = #line
    ) -> Gen<String> {
        Gen<[Unicode.Scalar]>.array(of: .scalar(in: alphabet), count: count, average: average, fileID: fileID, line: line)
            .map { scalars in
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                return String(view)
            }
    }
}
