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
        let bytes = try read(path, atMost: limit + 1)
        return bytes.count > limit ? Contents(bytes: Array(bytes.prefix(limit)), isTruncated: true) : Contents(bytes: bytes, isTruncated: false)
    }

    /// At most `atMost` bytes from the start of the file.
    private static func read(_ path: String, atMost: Int) throws(UsageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < atMost {
            let wanted = min(chunk.count, atMost - bytes.count)
            let count = chunk.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                    Glibc.read(descriptor, buffer.baseAddress, wanted)
                #else
                    Darwin.read(descriptor, buffer.baseAddress, wanted)
                #endif
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure(path) }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
        return bytes
    }

    /// The error for the current `errno`.
    private static func failure(_ path: String) -> UsageError {
        UsageError("cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
}
