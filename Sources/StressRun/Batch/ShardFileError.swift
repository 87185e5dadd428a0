import TradingMachines

/// Why some bytes are not a complete, consistent shard file: what is wrong, on which line.
///
/// A file cut short (no footer, or a last line without its newline), a line that is not JSON,
/// a field missing or of the wrong type, an item that is not the one the header's plan puts at
/// that place, a footer whose count or digest disagrees: each is a typed case with its line
/// (1-based; `nil` when it concerns the file as a whole).
public struct ShardFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The file has no bytes.
        case empty
        /// The file ends before its footer, or its last line has no newline.
        case truncated
        /// A line is not one JSON value.
        case syntax
        /// The first line is not a header of a format and version this reader knows.
        case unsupportedFormat
        /// A field is missing, given twice, or of the wrong type or value.
        case field
        /// The header's plan or shard is not valid (an unknown scenario, index ≥ count, …).
        case plan
        /// An item line is not the item the plan puts there (number, scenario, strategy, seed).
        case unexpectedItem
        /// The footer's count or digest disagrees with the item lines.
        case footerMismatch
        /// Something follows the footer, or a line of an unknown type.
        case unexpectedLine
    }

    public let kind: Kind
    /// The line, from 1; `nil` for the file as a whole.
    public let line: Int?
    /// What is wrong, in words.
    public let message: String

    public init(_ kind: Kind, line: Int?, _ message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// `line 3: …`, or the message alone.
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// The members of one line's object, read by key with typed errors.
struct ShardLine {
    let members: [StateJSON.Member]
    let line: Int

    init(_ value: StateJSON, line: Int) throws(ShardFileError) {
        guard case .object(let members) = value else { throw ShardFileError(.field, line: line, "expected a JSON object, found \(value.kindName)") }
        self.members = members
        self.line = line
    }

    func fail(_ key: String, _ problem: String) -> ShardFileError { ShardFileError(.field, line: line, "\(key): \(problem)") }

    /// Refuses a key the writer never writes (`canonical` is the writer's object for the value
    /// read): the reading is strict, so an edited or foreign line is named, not half-read.
    func rejectUnknownKeys(besides canonical: StateJSON) throws(ShardFileError) {
        guard case .object(let known) = canonical else { return }
        for member in members where !known.contains(where: { $0.key == member.key }) {
            throw fail(member.key, "unknown key (this stresscheck writes no such key)")
        }
    }

    func value(_ key: String) throws(ShardFileError) -> StateJSON {
        var found: StateJSON?
        for member in members where member.key == key {
            guard found == nil else { throw fail(key, "given twice") }
            found = member.value
        }
        guard let found else { throw fail(key, "missing") }
        return found
    }

    func string(_ key: String) throws(ShardFileError) -> String {
        guard case .string(let text) = try value(key) else { throw fail(key, "expected a string") }
        return text
    }

    func optionalString(_ key: String) throws(ShardFileError) -> String? {
        switch try value(key) {
        case .null: return nil
        case .string(let text): return text
        default: throw fail(key, "expected a string or null")
        }
    }

    func bool(_ key: String) throws(ShardFileError) -> Bool {
        guard case .bool(let flag) = try value(key) else { throw fail(key, "expected true or false") }
        return flag
    }

    /// An integer from `minimum` to `maximum`.
    func integer(_ key: String, minimum: Int = 0, maximum: Int = .max) throws(ShardFileError) -> Int {
        guard case .number(let number) = try value(key), let integer = number.exactInteger else { throw fail(key, "expected an integer") }
        guard integer >= minimum else { throw fail(key, "expected at least \(minimum), found \(integer)") }
        guard integer <= maximum else { throw fail(key, "expected at most \(maximum), found \(integer)") }
        return integer
    }

    /// The most a count of one run may be (steps, trades, stops, failures, violations): 2³⁰, far
    /// beyond any run, and small enough that the summary's sums over 2³² items cannot overflow.
    static let maxCount = 1 << 30

    func int64(_ key: String) throws(ShardFileError) -> Int64 {
        guard case .number(let number) = try value(key), let integer = number.exactInteger else { throw fail(key, "expected an integer") }
        return Int64(integer)
    }

    /// A finite number.
    func double(_ key: String) throws(ShardFileError) -> Double {
        guard case .number(let number) = try value(key), let value = Double(number.text), value.isFinite else {
            throw fail(key, "expected a finite number")
        }
        return value
    }

    func strings(_ key: String) throws(ShardFileError) -> [String] {
        guard case .array(let elements) = try value(key) else { throw fail(key, "expected an array of strings") }
        var result: [String] = []
        for element in elements {
            guard case .string(let text) = element else { throw fail(key, "expected an array of strings") }
            result.append(text)
        }
        return result
    }

    func seed(_ key: String) throws(ShardFileError) -> UInt64 {
        let text = try string(key)
        guard text.hasPrefix("0x"), let seed = BatchSeed.parse(text) else {
            throw fail(key, "expected 0x and hexadecimal digits, found \(text.debugDescription)")
        }
        return seed
    }
}
