extension StateJSONParser {
    /// A string, from its opening quote at `index` to past its closing quote.
    ///
    /// The fast path (no escape) validates the bytes as UTF-8 in place; with escapes, the
    /// unescaped bytes are gathered first and validated once at the end. (`String(validating:)`
    /// would do, but it is generic and unspecialized in the standard library: it instantiated
    /// type metadata for every string and took a third of the parse.)
    mutating func string() throws(StateJSONError) -> String {
        let start = index
        index += 1  // "
        var runStart = index
        var unescaped: [UInt8] = []
        var escaped = false
        var ascii = true
        while true {
            guard index < bytes.count else { throw StateJSONError("unterminated string starting at offset \(start)") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let end = index
                index += 1
                if escaped {
                    unescaped.append(contentsOf: bytes[runStart..<end])
                    guard ascii || UTF8Validation.isValid(unescaped, from: 0, to: unescaped.count) else { throw invalidUTF8(start) }
                    return String(decoding: unescaped, as: UTF8.self)
                }
                guard ascii || UTF8Validation.isValid(bytes, from: runStart, to: end) else { throw invalidUTF8(start) }
                return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[runStart..<end]), as: UTF8.self) }
            }
            if byte < 0x20 { throw failure("a control character must be escaped in a string") }
            if byte >= 0x80 { ascii = false }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if !escaped {
                escaped = true
                unescaped.reserveCapacity(index - runStart + 16)
            }
            unescaped.append(contentsOf: bytes[runStart..<index])
            try escape(into: &unescaped)
            runStart = index
        }
    }

    func invalidUTF8(_ start: Int) -> StateJSONError { StateJSONError("invalid UTF-8 in the string starting at offset \(start)") }

    /// One escape sequence, from its backslash at `index`, appended as UTF-8.
    mutating func escape(into output: inout [UInt8]) throws(StateJSONError) {
        let start = index
        index += 1  // \
        guard index < bytes.count else { throw StateJSONError("unterminated string: input ends in an escape at offset \(start)") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(letter)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexUnit(escapeAt: start)
            let scalar: Unicode.Scalar?
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed by an escaped low one: together one scalar.
                let lowStart = index
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw StateJSONError("unpaired surrogate \\u\(String(unit, radix: 16)) at offset \(start)")
                }
                index += 2
                let low = try hexUnit(escapeAt: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else { throw StateJSONError("unpaired surrogate \\u\(String(unit, radix: 16)) at offset \(start)") }
                scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            case 0xDC00...0xDFFF:
                throw StateJSONError("unpaired surrogate \\u\(String(unit, radix: 16)) at offset \(start)")
            default:
                scalar = Unicode.Scalar(unit)
            }
            guard let scalar else { throw StateJSONError("invalid \\u escape at offset \(start)") }
            UTF8.encode(scalar) { output.append($0) }
        default:
            index = start + 1
            throw failure("invalid escape")
        }
    }

    /// The four hex digits after `\u` (at `index`), as a UTF-16 code unit.
    mutating func hexUnit(escapeAt start: Int) throws(StateJSONError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw StateJSONError("incomplete \\u escape at offset \(start)") }
        var unit: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: throw StateJSONError("invalid \\u escape at offset \(start)")
            }
            unit = unit << 4 | UInt32(nibble)
            index += 1
        }
        return unit
    }
}

/// Strict UTF-8 validation (Unicode's table 3-7: no overlong forms, no surrogates, nothing
/// above U+10FFFF), so that `String(decoding:)`, which would repair bad bytes silently, only
/// ever sees valid ones.
enum UTF8Validation {
    /// Whether `bytes[start..<end]` is valid UTF-8.
    static func isValid(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let count: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF  // the allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: count = 2
            case 0xE0:
                count = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: count = 3
            case 0xED:
                count = 3
                high = 0x9F
            case 0xF0:
                count = 4
                low = 0x90
            case 0xF1...0xF3: count = 4
            case 0xF4:
                count = 4
                high = 0x8F
            default: return false
            }
            guard end - index >= count, (low...high).contains(bytes[index + 1]) else { return false }
            for offset in 2..<count where !(0x80...0xBF).contains(bytes[index + offset]) { return false }
            index += count
        }
        return true
    }
}
