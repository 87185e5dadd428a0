/// A step of an atomic write, as named in `PersistenceError.Kind.writeFailed`.
public enum WriteStep: String, CaseIterable, Hashable, Sendable {
    case createTemporary, write, sync, close, rename, syncDirectory
}

/// A state file could not be read or written; names the file and what went wrong.
public struct PersistenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The file exists but could not be read (the payload is `errno`).
        case unreadable(Int32)
        /// The file's directory does not exist: a misconfigured state directory, never a silent
        /// start from defaults (a missing file in an existing directory is a first start).
        case missingDirectory(String)
        /// Not valid JSON, truncated, missing fields, unknown values, or an inconsistent snapshot.
        case corrupted(String)
        /// Valid JSON of another kind: the `format` field found (`nil` if none).
        case foreign(String?)
        /// Our format, but a version this build does not read.
        case unsupportedVersion(Int)
        /// The snapshot could not be encoded. (Kept for compatibility: since the stores write
        /// with `StateJSON`, which cannot fail, they no longer throw it.)
        case encodingFailed(String)
        /// An atomic-write step failed (the payload is `errno`). Before `.rename` the previous
        /// file is untouched; at `.syncDirectory` the new file is already in place.
        case writeFailed(WriteStep, Int32)
    }

    /// The state file concerned.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .unreadable(let code): "state file \(path): unreadable (errno \(code))"
        case .missingDirectory(let directory): "state file \(path): its directory \(directory) does not exist (nothing loaded, no defaults assumed)"
        case .corrupted(let detail): "state file \(path): corrupted: \(detail)"
        case .foreign(let format): "state file \(path): not a StressCheck state file of this kind (format \(format ?? "missing"))"
        case .unsupportedVersion(let version): "state file \(path): unsupported version \(version)"
        case .encodingFailed(let detail): "state file \(path): could not encode: \(detail)"
        case .writeFailed(let step, let code): "state file \(path): write failed at \(step.rawValue) (errno \(code)); previous file kept"
        }
    }
}
