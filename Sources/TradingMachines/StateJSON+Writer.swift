extension StateJSON {
    /// The value as `JSONEncoder` with `.sortedKeys` (and no other option) writes it, so that
    /// state files keep the exact bytes they had: no whitespace; object keys sorted (see
    /// `precedes`); strings with `"`, `\`, `/` and control characters escaped the way
    /// Foundation does, everything else as raw UTF-8.
    public var encoded: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(into: &output)
        return output
    }

    /// Appends `encoded` to `output`.
    public func write(into output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.text.utf8)
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for position in elements.indices {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                elements[position].write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            // The snapshots list their members in order already: sort only when needed.
            if Self.isSorted(members) {
                Self.writeMembers(members, into: &output)
            } else {
                Self.writeMembers(members.sorted { Self.precedes($0.key, $1.key) }, into: &output)
            }
        }
    }

    static func writeMembers(_ members: [Member], into output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for position in members.indices {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            writeString(members[position].key, into: &output)
            output.append(UInt8(ascii: ":"))
            members[position].value.write(into: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Swift's `String` order: for the ASCII keys of the state files, byte order, which is what
    /// Foundation's `.sortedKeys` gives on every platform for those keys (they differ from their
    /// neighbours in their first letter, so neither case folding nor numeric comparison, which
    /// Darwin's Foundation applies, changes their order).
    static func precedes(_ a: String, _ b: String) -> Bool { a < b }

    static func isSorted(_ members: [Member]) -> Bool {
        members.indices.dropFirst().allSatisfy { !precedes(members[$0].key, members[$0 - 1].key) }
    }

    /// A string literal, escaped as Foundation's JSON writer does.
    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Nearly always (every key and enum value of a state file): nothing to escape.
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: needsEscape) else { return false }
            output.append(contentsOf: utf8)
            return true
        }
        guard !plain else {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0xF))
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }

    /// A lowercase hex digit, as Foundation writes `\u00XX`.
    static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
}
