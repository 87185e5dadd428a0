import Foundation
import PropertyCheck
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the bytes of an input file (a corpus file or a libFuzzer crash).
enum InputFile {
    /// The most bytes an input can have: a check never reads more (its `maxBytes`), so a longer
    /// file (`/dev/zero`, a log) is read only this far, plus one byte to know it is longer.
    static let maxBytes = CheckConfiguration().maxBytes

    /// The first ``maxBytes`` bytes of a file, and whether the file is longer.
    struct Contents: Equatable {
        /// The bytes used: the whole file, or its first ``InputFile/maxBytes``.
        var bytes: [UInt8]
        /// True when the file has more bytes than any input can (they were not read).
        var isTruncated: Bool
    }

    /// The file's bytes, at most ``maxBytes`` of them: reading stops one byte past the limit, so
    /// `/dev/zero` or a huge file is never read without bound.
    /// - Throws: ``UsageError`` naming the file and the system's reason when it cannot be read.
    static func read(_ path: String, limit: Int = InputFile.maxBytes) throws(UsageError) -> Contents {
        switch BoundedFile.read(path, limit: limit, regularFilesOnly: false) {
        case .bytes(let bytes, let truncated): return Contents(bytes: bytes, isTruncated: truncated)
        case .unreadable(let reason): throw UsageError("cannot read '\(path)': \(reason)")
        case .notARegularFile: preconditionFailure("BoundedFile.read refused a file it was not asked to check: '\(path)'")
        }
    }
}
