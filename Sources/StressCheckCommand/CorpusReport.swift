import PropertyCheck

/// What a check did with its machine's corpus directory: the JSON's `corpus` entry.
public struct CorpusReport: Codable, Equatable, Sendable {
    /// One corpus file that was not replayed.
    public struct SkippedFile: Codable, Equatable, Sendable {
        /// The file.
        public var path: String
        /// Why: `fileUnreadable` or `fileNoLongerDecodes`.
        public var reason: CheckWarning.Kind

        /// A skipped file.
        public init(path: String, reason: CheckWarning.Kind) {
            self.path = path
            self.reason = reason
        }
    }

    /// The machine's corpus directory (`<root>/<machine>`); `nil` when no corpus was used.
    public var directory: String?
    /// Files replayed before generating.
    public var replayed: Int
    /// Files not replayed, and why.
    public var skipped: [SkippedFile]

    /// A corpus report with every field given.
    public init(directory: String?, replayed: Int, skipped: [SkippedFile] = []) {
        self.directory = directory
        self.replayed = replayed
        self.skipped = skipped
    }

    private enum CodingKeys: String, CodingKey { case directory, replayed, skipped }

    /// Encodes every key, writing `null` for a missing directory.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(directory, forKey: .directory)
        try container.encode(replayed, forKey: .replayed)
        try container.encode(skipped, forKey: .skipped)
    }
}

/// One warning in the JSON's `warnings` array: what it is about, as a kind, and its sentence.
public struct WarningReport: Codable, Equatable, Sendable {
    /// The machine whose check gave it.
    public var machine: String
    /// What it is about (`corpusMissing`, `fileNoLongerDecodes`, `unreadBytes`, …).
    public var kind: CheckWarning.Kind
    /// The file or directory it is about, or `nil`.
    public var path: String?
    /// The number of bytes or files it concerns, or `nil`.
    public var count: Int?
    /// The sentence a person reads.
    public var message: String

    /// The report of `warning`, given by `machine`'s check.
    public init(_ warning: CheckWarning, machine: String) {
        self.machine = machine
        kind = warning.kind
        path = warning.path
        count = warning.count
        message = warning.message
    }

    private enum CodingKeys: String, CodingKey { case machine, kind, path, count, message }

    /// Encodes every key, writing `null` for a missing path or count.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(machine, forKey: .machine)
        try container.encode(kind, forKey: .kind)
        try container.encode(path, forKey: .path)
        try container.encode(count, forKey: .count)
        try container.encode(message, forKey: .message)
    }
}
