import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the bytes of an input file (a corpus file or a libFuzzer crash).
enum InputFile {
    /// The file's bytes.
    /// - Throws: ``UsageError`` naming the file and the system's reason when it cannot be read.
    static func read(_ path: String) throws(UsageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                #else
                Darwin.read(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure(path) }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// The error for the current `errno`.
    private static func failure(_ path: String) -> UsageError {
        UsageError("cannot read '\(path)': \(String(cString: strerror(errno)))")
    }
}
