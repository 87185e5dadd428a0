/// A JSON value, as the state files hold it.
///
/// The state stores used Foundation's `JSONEncoder`/`JSONDecoder`, whose cost (about 50 µs to
/// save and 60 µs to load a 13-transition super-state) dominated the risk stack's `restart`.
/// This small type, its strict parser (`StateJSON+Parser.swift`) and its writer
/// (`StateJSON+Writer.swift`) replace them and keep the files byte for byte what
/// `JSONEncoder` with `.sortedKeys` wrote.
///
/// Objects keep their members in document order, duplicates included: the reader
/// (`StateJSON+Reading.swift`) decides what a duplicate means.
public enum StateJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Number)
    case string(String)
    case array([StateJSON])
    case object([Member])

    /// One `"key": value` of an object.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: StateJSON

        public init(_ key: String, _ value: StateJSON) {
            self.key = key
            self.value = value
        }
    }

    /// A JSON number, kept as its literal text: the state files only hold integers, and keeping
    /// the text lets `1.0` or `1e2` be read as the integers they are (as Foundation does) without
    /// going through `Double`.
    public struct Number: Hashable, Sendable, CustomStringConvertible {
        /// The literal, always valid JSON number syntax.
        public let text: String

        /// An integer, written in decimal.
        public init(_ value: Int) { text = String(value) }

        /// A literal; `nil` unless it is JSON number syntax (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
        public init?(_ text: String) {
            let bytes = Array(text.utf8)
            guard NumberSyntax.length(in: bytes, from: 0) == bytes.count else { return nil }
            self.text = text
        }

        /// Skips the syntax check: the parser has already matched the grammar.
        init(validated text: String) { self.text = text }

        public var description: String { text }

        /// The exact integer value, or `nil` if the number has a non-zero fraction or does not
        /// fit `Int`. Exact decimal arithmetic: `1.0`, `100e-2` and `-0` are integers, `1.5` and
        /// `9223372036854775808` are not.
        public var exactInteger: Int? { NumberSyntax.exactInteger(text) }
    }

    /// What kind of value this is, for error messages: "a string", "an array", …
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Why some bytes are not the JSON, or the JSON not the value, that was expected.
///
/// `path` says where, outermost first (`snapshot`, `history`, `[3]`, `cause`); it is filled in
/// as the error travels up through the readers, so that nothing is spent on paths unless
/// something is wrong.
public struct StateJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Member keys and `[index]` elements, outermost first; empty for a syntax error.
    public var path: [String]
    /// What is wrong, e.g. `unknown value "foo"`.
    public var problem: String

    public init(path: [String] = [], _ problem: String) {
        self.path = path
        self.problem = problem
    }

    /// The same error, one level further out.
    func within(_ component: String) -> StateJSONError {
        var outer = self
        outer.path.insert(component, at: 0)
        return outer
    }

    /// `snapshot.history[3].cause: unknown value "foo"`.
    public var description: String {
        guard !path.isEmpty else { return problem }
        var location = ""
        for component in path {
            if !location.isEmpty && !component.hasPrefix("[") { location += "." }
            location += component
        }
        return "\(location): \(problem)"
    }
}
