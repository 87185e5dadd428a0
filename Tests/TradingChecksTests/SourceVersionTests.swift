import Foundation
import Testing
@testable import TradingChecks

/// A stress failure names the code it was found with: the commit checked out, read from `.git`.
@Suite struct SourceVersionTests {
    @Test func readsTheCheckedOutCommitFromALooseOrPackedRef() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stresscheck-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let git = root.appendingPathComponent(".git")
        let nested = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: git.appendingPathComponent("refs/heads"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(to: git.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
        #expect(SourceVersion.checkedOutCommit(from: nested.path) == nil)  // no such ref yet
        try "0123456789abcdef0123456789abcdef01234567 refs/heads/main\n".write(to: git.appendingPathComponent("packed-refs"), atomically: true, encoding: .utf8)
        #expect(SourceVersion.checkedOutCommit(from: nested.path) == "0123456789ab")
        try "fedcba9876543210fedcba9876543210fedcba98\n".write(to: git.appendingPathComponent("refs/heads/main"), atomically: true, encoding: .utf8)
        #expect(SourceVersion.checkedOutCommit(from: nested.path) == "fedcba987654")
        try "aaaaaaaaaaaabbbbbbbbbbbbccccccccccccdddd\n".write(to: git.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
        #expect(SourceVersion.checkedOutCommit(from: root.path) == "aaaaaaaaaaaa")  // a detached HEAD
    }
}
