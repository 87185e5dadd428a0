import Foundation
import Synchronization

/// Prometheus's own checker, `promtool check metrics` (from the system's `prometheus` package,
/// which `.ci/run` installs), run on exposition text through its standard input.
enum Promtool {
    /// promtool, if the system has it.
    static let path: String? = ["/usr/bin/promtool", "/usr/local/bin/promtool", "/bin/promtool"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The exit status of `promtool check metrics` on `text` and everything it printed (lint
    /// problems and parse errors alike).
    static func checkMetrics(_ text: String) throws -> (status: Int32, output: String) {
        guard let path else { throw CocoaError(.executableNotLoadable) }
        return try run(path, ["check", "metrics"], input: text)
    }

    /// Runs a program with `input` on its standard input; returns its status and its standard
    /// output and error together.
    static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read on different threads, so neither side can block the other on a full pipe.
        let inputHandle = stdin.fileHandleForWriting
        let errorHandle = stderr.fileHandleForReading
        let errors = ErrorOutput()
        DispatchQueue.global().async {
            inputHandle.write(Data(input.utf8))
            try? inputHandle.close()
        }
        DispatchQueue.global().async {
            errors.data.withLock { $0 = errorHandle.readDataToEndOfFile() }
            errors.done.signal()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errors.done.wait()
        let errorData = errors.data.withLock { $0 }
        return (process.terminationStatus, String(decoding: out + errorData, as: UTF8.self))
    }
}

/// A child's standard error, read on another thread.
private final class ErrorOutput: Sendable {
    let data = Mutex(Data())
    let done = DispatchSemaphore(value: 0)
}
