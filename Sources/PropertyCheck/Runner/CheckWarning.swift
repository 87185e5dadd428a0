/// Something a check has to say that did not fail it: a corpus file that was skipped, a corpus
/// directory that could not be read, bytes the generator did not read, a save that failed.
///
/// A warning is a value, so that a caller (the `stresscheck` command's JSON, a CI script) can
/// tell one kind from another without reading the sentence.
public struct CheckWarning: Sendable, Equatable, CustomStringConvertible {
    /// What the warning is about.
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// The corpus root does not exist: nothing was replayed.
        case corpusMissing
        /// The corpus root or the check's directory exists but cannot be listed: a dangling
        /// symbolic link, a file where a directory belongs, or no permission. Nothing was replayed.
        case corpusUnreadable
        /// The corpus root's `.layout-version` is not this engine's layout.
        case layoutMismatch
        /// A corpus file could not be read; it was skipped.
        case fileUnreadable
        /// A corpus file no longer decodes for this check's generator; it was skipped.
        case fileNoLongerDecodes
        /// Bytes of an input (a corpus file, a replayed file) that the generator did not read: the
        /// file was written for another check, by an older generator, or is random bytes.
        case unreadBytes
        /// A replayed input is longer than any input can be; only its first bytes were used.
        case inputTooLong
        /// A replayed input has no bytes: it decodes to the simplest case (every choice 0),
        /// which is rarely the file that was meant.
        case inputEmpty
        /// A replayed input decodes to a case the generator rejects; nothing ran.
        case inputRejected
        /// A counterexample could not be saved into the corpus.
        case saveFailed
        /// `STRESSCHECK_SEED` is set but is not a seed: it was ignored.
        case seedIgnored
    }

    /// What the warning is about.
    public let kind: Kind
    /// The file or directory it is about, if any.
    public let path: String?
    /// How many bytes or files it concerns, when that is a number (unread bytes, files with
    /// unread bytes); `nil` otherwise.
    public let count: Int?
    /// The sentence a person reads.
    public var message: String {
        switch text {
        case .given(let message): message
        case .unreadInput(let unread, let total):
            "\(GroupedDigits.text(unread)) byte\(unread == 1 ? "" : "s") of \(GroupedDigits.text(total)) this check's generator did not read: the input was written for another check or an older generator, or is not an input"
        }
    }
    /// The sentence, or the counts it is written from when it is read: most of a fuzz target's
    /// inputs have bytes the generator does not read, so the warning is made for nearly every
    /// input and read for almost none (writing the sentence cost an execution 2,000 instructions).
    private let text: Text
    private enum Text: Sendable {
        case given(String)
        case unreadInput(unread: Int, total: Int)
    }

    /// A warning of `kind` about `path`, with its sentence.
    public init(_ kind: Kind, path: String? = nil, count: Int? = nil, _ message: String) {
        self.init(kind, path: path, count: count, text: .given(message))
    }

    private init(_ kind: Kind, path: String?, count: Int?, text: Text) {
        self.kind = kind
        self.path = path
        self.count = count
        self.text = text
    }

    /// The `unreadBytes` warning of a replayed input: `unread` of its `total` bytes were not read.
    public static func unreadInput(_ unread: Int, of total: Int) -> CheckWarning {
        CheckWarning(.unreadBytes, path: nil, count: unread, text: .unreadInput(unread: unread, total: total))
    }

    public static func == (lhs: CheckWarning, rhs: CheckWarning) -> Bool {
        lhs.kind == rhs.kind && lhs.path == rhs.path && lhs.count == rhs.count && lhs.message == rhs.message
    }

    public var description: String { message }

    /// True for the kinds that mean a corpus file was not replayed.
    public var skipsCorpusFile: Bool { kind == .fileUnreadable || kind == .fileNoLongerDecodes }
}
