import Certification
import Foundation
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
    @Test func aConcurrentReaderNeverSeesAHalfWrittenFile() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stresscheck.prom").path
        let short = "# HELP x y\n# TYPE x gauge\nx 1\n"
        let long = String(repeating: "# HELP a_long_one padding padding padding\n", count: 4_000)
        try MetricsTextFile.write(short, to: path)
        // The writer alternates the versions until the reader is done and cancels it (at most
        // 20 000 rewrites).
        let writer = Task.detached { () throws -> Int in
            var rounds = 0
            while !Task.isCancelled, rounds < 20_000 {
                try MetricsTextFile.write(rounds.isMultiple(of: 2) ? long : short, to: path)
                rounds += 1
            }
            return rounds
        }
        // The reader reads until it has seen each version 20 times while the writer runs (at most
        // 5 000 reads).
        var (torn, shortSeen, longSeen, reads) = (0, 0, 0, 0)
        while min(shortSeen, longSeen) < 20, reads < 5_000 {
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
            await Task.yield()
        }
        writer.cancel()
        let rounds = try await writer.value
        #expect(torn == 0, "\(torn) of \(reads) reads saw neither version whole")
        #expect(
            shortSeen >= 20 && longSeen >= 20,
            "the reads overlapped too few rewrites: \(shortSeen) short, \(longSeen) long in \(reads) reads over \(rounds) rewrites")
    }
}
