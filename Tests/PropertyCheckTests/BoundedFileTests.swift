import Foundation
import PropertyCheck
import Testing

/// The one bounded reader of inputs (corpus files and the paths given to the command line).
@Suite struct BoundedFileTests {
    @Test func aFileIsReadToTheLimitAndSaysWhetherItIsLonger() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-bounded-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/input"
        #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3, 4])))
        for regularFilesOnly in [true, false] {
            #expect(BoundedFile.read(path, limit: 4, regularFilesOnly: regularFilesOnly) == .bytes([1, 2, 3, 4], truncated: false))
            #expect(BoundedFile.read(path, limit: 5, regularFilesOnly: regularFilesOnly) == .bytes([1, 2, 3, 4], truncated: false))
            #expect(BoundedFile.read(path, limit: 3, regularFilesOnly: regularFilesOnly) == .bytes([1, 2, 3], truncated: true))
            #expect(BoundedFile.read(path, limit: 0, regularFilesOnly: regularFilesOnly) == .bytes([], truncated: true))
        }
        #expect(BoundedFile.read(directory + "/missing", limit: 4, regularFilesOnly: false) == .unreadable("No such file or directory"))
        // A device: refused unread for the corpus; read to the limit for a path a person gave.
        #expect(BoundedFile.read("/dev/zero", limit: 8, regularFilesOnly: true) == .notARegularFile)
        #expect(BoundedFile.read("/dev/zero", limit: 100_000, regularFilesOnly: false) == .bytes([UInt8](repeating: 0, count: 100_000), truncated: true))
    }
}
