extension StateJSON {
    /// How deep arrays and objects may nest. A state file nests 6 deep; the limit keeps the
    /// recursive parser's stack small whatever the input (Foundation allows 512).
    public static let maximumDepth = 64

    /// Parses one JSON document, strictly (RFC 8259): one value, then only whitespace; no
    /// trailing commas, comments, `NaN`, single quotes or unescaped control characters; escapes
    /// only `\" \\ \/ \b \f \n \r \t \uXXXX`, with surrogates in pairs; strings valid UTF-8.
    /// Like Foundation it skips a leading UTF-8 byte order mark.
    ///
    /// - Throws: a `StateJSONError` (empty path) saying what is wrong at which byte offset.
    public init(parsing bytes: [UInt8]) throws(StateJSONError) {
        var parser = StateJSONParser(bytes: bytes)
        self = try parser.document()
    }
}

/// A recursive-descent parser over the bytes, at most `StateJSON.maximumDepth` calls deep.
struct StateJSONParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(StateJSONError) -> StateJSON {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw StateJSONError(bytes.isEmpty ? "empty input" : "no value at offset \(index)") }
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw failure("after the value") }
        return value
    }

    /// The error for the byte at `index` (or the end), e.g. `unexpected character 'x' at offset 7`.
    func failure(_ context: String) -> StateJSONError {
        guard index < bytes.count else { return StateJSONError("unexpected end of input at offset \(index) (\(context))") }
        let byte = bytes[index]
        let shown = byte > 0x20 && byte < 0x7F ? "character '\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        return StateJSONError("unexpected \(shown) at offset \(index) (\(context))")
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` or fails.
    mutating func expect(_ byte: UInt8, _ context: String) throws(StateJSONError) {
        guard index < bytes.count, bytes[index] == byte else { throw failure(context) }
        index += 1
    }

    mutating func value() throws(StateJSONError) -> StateJSON {
        guard index < bytes.count else { throw failure("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default:
            let start = index
            guard let end = NumberSyntax.length(in: bytes, from: start) else {
                if NumberSyntax.isDigit(bytes[index]) || bytes[index] == NumberSyntax.minus {
                    throw StateJSONError("invalid number at offset \(start)")
                }
                throw failure("expected a value")
            }
            index = end
            return .number(StateJSON.Number(validated: String(decoding: bytes[start..<end], as: UTF8.self)))
        }
    }

    mutating func literal(_ word: StaticString, _ value: StateJSON) throws(StateJSONError) -> StateJSON {
        let start = index
        let length = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            bytes.count - start >= length && (0..<length).allSatisfy { bytes[start + $0] == expected[$0] }
        }
        guard matches else { throw StateJSONError("invalid literal at offset \(start) (expected \(word))") }
        index += length
        return value
    }

    /// Enters an array or object, refusing to go deeper than the limit.
    mutating func descend() throws(StateJSONError) {
        depth += 1
        guard depth <= StateJSON.maximumDepth else {
            throw StateJSONError("nested deeper than \(StateJSON.maximumDepth) at offset \(index)")
        }
    }

    mutating func array() throws(StateJSONError) -> StateJSON {
        try descend()
        index += 1  // [
        var elements: [StateJSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        elements.reserveCapacity(8)
        while true {
            skipWhitespace()
            elements.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw failure("in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "expected ',' or ']' in an array")
            depth -= 1
            return .array(elements)
        }
    }

    mutating func object() throws(StateJSONError) -> StateJSON {
        try descend()
        index += 1  // {
        var members: [StateJSON.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        // The state files' objects have at most 4 members: one allocation, no regrowth.
        members.reserveCapacity(4)
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key in an object") }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after a key")
            skipWhitespace()
            members.append(StateJSON.Member(key, try value()))
            skipWhitespace()
            guard index < bytes.count else { throw failure("in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "expected ',' or '}' in an object")
            depth -= 1
            return .object(members)
        }
    }
}
