import Certification
import Foundation
import Synchronization
import Testing

/// The textfile collector's file: written whole or not at all, errors naming the path.
@Suite struct MetricsTextFileTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func writesAndReplacesLeavingNoTemporaryFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stresscheck.prom").path
        let text = try ExpositionFormatTests.smallRegistry().render()
        try MetricsTextFile.write(text, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        try MetricsTextFile.write("# HELP x y\n# TYPE x gauge\nx 1\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# HELP x y\n# TYPE x gauge\nx 1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["stresscheck.prom"])
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions.map { $0 & 0o044 } == 0o044, "readable by the node exporter's user")
    }

    @Test func failuresNameThePathAndLeaveNothingBehind() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("no-such-directory/stresscheck.prom").path
        #expect {
            try MetricsTextFile.write("x 1\n", to: missing)
        } throws: { error in
            guard let error = error as? MetricsFileError, case .cannotCreateTemporaryFile = error else { return false }
            return error.path == missing && error.description.contains(missing)
        }
        // A directory where the file should be: the rename fails, the temporary file is removed.
        let occupied = directory.appendingPathComponent("occupied.prom")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: false)
        #expect {
            try MetricsTextFile.write("x 1\n", to: occupied.path)
        } throws: { error in
            guard let error = error as? MetricsFileError, case .renameFailed = error else { return false }
            return error.path == occupied.path
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["occupied.prom"])
    }

    /// A reader polling the file while it is rewritten sees one whole version or the other, never
    /// a mix; and it saw both versions, so its reads overlapped the rewrites.
    ///
    /// The writer is a thread of its own, not a task: under the full suite the cooperative pool's
    /// two threads are busy, and a writer task starved there left the file unchanged. Each side
    /// stops after 10 s at most (an overlap takes milliseconds when the machine is quiet).
    @Test func aConcurrentReaderNeverSeesAHalfWrittenFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stresscheck.prom").path
        let short = "# HELP x y\n# TYPE x gauge\nx 1\n"
        let long = String(repeating: "# HELP a_long_one padding padding padding\n", count: 1_000)
        try MetricsTextFile.write(short, to: path)
        let done = Mutex(false)
        let rewrites = Mutex(0)
        let writer = Thread {
            var round = 0
            while !done.withLock({ $0 }), round < 100_000 {
                guard (try? MetricsTextFile.write(round.isMultiple(of: 2) ? long : short, to: path)) != nil else { break }
                round += 1
                rewrites.withLock { $0 = round }
            }
        }
        writer.start()
        defer { done.withLock { $0 = true } }
        let deadline = Date().addingTimeInterval(10)
        var (torn, shortSeen, longSeen, reads) = (0, 0, 0, 0)
        while min(shortSeen, longSeen) < 5, Date() < deadline {
            reads += 1
            guard let seen = try? String(contentsOfFile: path, encoding: .utf8) else {
                torn += 1
                continue
            }
            if seen == short {
                shortSeen += 1
            } else if seen == long {
                longSeen += 1
            } else {
                torn += 1
            }
        }
        done.withLock { $0 = true }
        let rounds = rewrites.withLock { $0 }
        #expect(torn == 0, "\(torn) of \(reads) reads saw neither version whole")
        #expect(
            shortSeen >= 5 && longSeen >= 5,
            "the reads overlapped too few rewrites: \(shortSeen) short, \(longSeen) long in \(reads) reads over \(rounds) rewrites")
    }
}
