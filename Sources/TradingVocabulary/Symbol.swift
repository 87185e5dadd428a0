/// A validated trading symbol such as `BTC-USD`, stored inline without heap allocation.
///
/// A symbol is 1…32 characters, each an ASCII uppercase letter, a digit, or one of `-` `/` `.` `_`.
/// The characters are packed big-endian into four words, so hashing, equality and ordering never
/// touch the heap: the risk stack's hot path looks symbols up in dictionaries millions of times per
/// second and must not allocate.
public struct Symbol: Hashable, Comparable, Sendable {
    /// The maximum number of characters in a symbol.
    public static let maxLength: Int = 32

    @usableFromInline let w0: UInt64
    @usableFromInline let w1: UInt64
    @usableFromInline let w2: UInt64
    @usableFromInline let w3: UInt64

    /// One combine of the four words folded together (multiplied by odd constants so that no
    /// two words cancel), instead of four: a dictionary lookup keyed by symbol is on the risk
    /// stack's hot path, and the hasher's rounds are most of its cost. Equal symbols have equal
    /// words, so equal hashes.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(folded)
    }

    /// What `Dictionary` and `Set` hash a symbol with: the folded words mixed with the table's
    /// seed by one 64 × 64 → 128-bit multiply, its halves folded together. `Hasher` seeds,
    /// combines and finalizes with SipHash rounds, most of a lookup's cost, and the risk stack
    /// looks a symbol up several times per symbol per bar. The seed keeps each table's order its
    /// own (nothing may depend on it).
    @inlinable
    public func _rawHashValue(seed: Int) -> Int {
        let product = (folded ^ UInt64(truncatingIfNeeded: seed)).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return Int(truncatingIfNeeded: product.high ^ product.low)
    }

    /// The four words folded into one (multiplied by odd constants, so that no two words cancel).
    @inlinable
    var folded: UInt64 { w0 ^ (w1 &* 0x9E37_79B9_7F4A_7C15) ^ (w2 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w3 &* 0x1656_67B1_9E37_79F9) }

    /// A symbol written in the code (a default table, a test universe): a literal that is not a
    /// valid symbol is a programmer error, and traps naming the text and the problem, where
    /// `try?` would drop it from its list without a word.
    public init(constant text: String) {
        do { try self.init(text) } catch { preconditionFailure("'\(text)' is not a valid symbol: \(error)") }
    }

    /// Creates a symbol from text, validating every character.
    ///
    /// - Throws: `SymbolError` naming the first problem found.
    public init(_ text: String) throws(SymbolError) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length = 0
        for byte in text.utf8 {
            guard length < Symbol.maxLength else {
                throw .tooLong(text.utf8.count)
            }
            guard Symbol.isAllowed(byte) else {
                throw .invalidCharacter(text, offset: length)
            }
            let shift = UInt64(56 - 8 * (length % 8))
            let value = UInt64(byte) << shift
            switch length / 8 {
            case 0: words.0 |= value
            case 1: words.1 |= value
            case 2: words.2 |= value
            default: words.3 |= value
            }
            length += 1
        }
        guard length > 0 else { throw .empty }
        (w0, w1, w2, w3) = words
    }

    /// Whether a byte may appear in a symbol.
    @inlinable
    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// The symbol's text.
    public var text: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Symbol.maxLength)
        for word in [w0, w1, w2, w3] {
            for index in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * index))
                if byte == 0 { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inlinable
    public static func < (lhs: Symbol, rhs: Symbol) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }
}

extension Symbol: CustomStringConvertible {
    public var description: String { text }
}

extension Symbol: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid symbol \"\(text)\": \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
