@testable import PropertyCheck
import Foundation
import Testing

@Suite struct CorpusTests {
    /// A fresh corpus root in the temporary directory.
    func temporaryRoot() throws -> String {
        let path = NSTemporaryDirectory() + "stresscheck-corpus-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aFailureIsSavedAndReplayedFirstOnTheNextRun() throws {
        let root = try temporaryRoot()
        let configuration = CheckConfiguration(seed: 1, corpusDirectory: root)
        let first = check("saved failure", Gen.array(of: Gen.int()), configuration: configuration) { $0.count < 2 }
        let saved = try #require(first.counterexample?.savedPath)
        #expect(saved.hasPrefix(root + "/saved-failure/"))
        #expect(FileManager.default.contents(atPath: saved).map([UInt8].init) == first.counterexample?.bytes)
        #expect(try String(contentsOfFile: root + "/.layout-version", encoding: .utf8) == "1\n")

        // A different seed would find another case first; the corpus file comes before any.
        let second = check("saved failure", Gen.array(of: Gen.int()), configuration: CheckConfiguration(seed: 99, corpusDirectory: root)) { $0.count < 2 }
        #expect(second.counterexample?.foundIn == .corpusFile(saved))
        #expect(second.statistics.corpusFiles == 1)
        #expect(second.counterexample?.value == [0, 0])
    }

    @Test func aFailureThatCannotBeSavedSaysWhereAndWhy() throws {
        // The corpus root is a file: nothing can be saved under it.
        let root = NSTemporaryDirectory() + "stresscheck-corpus-file-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: root, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: root) }
        var warnings: [CheckWarning] = []
        #expect(Corpus(root: root).save([1, 2, 3], for: "unsaveable", warnings: &warnings) == nil)
        #expect(warnings.map(\.kind) == [.saveFailed])
        #expect(warnings.first?.path == root + "/unsaveable")
        #expect(warnings.first?.message.hasPrefix("could not save the counterexample") == true, "\(warnings)")
        // The engine's check reports its failure all the same, with the warning.
        let result = check("unsaveable", Gen.int(in: 0...10), configuration: CheckConfiguration(seed: 1, corpusDirectory: root)) { $0 < 5 }
        #expect(result.counterexample?.value == 5)
        #expect(result.counterexample?.savedPath == nil)
        #expect(result.warnings.contains { $0.kind == .saveFailed && $0.path == root + "/unsaveable" })
        // Where it can be written, the file is saved and nothing is said.
        let writable = try temporaryRoot()
        var none: [CheckWarning] = []
        let path = try #require(Corpus(root: writable).save([1, 2, 3], for: "saveable", warnings: &none))
        #expect(none.isEmpty)
        #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
    }

    @Test func aFileThatNoLongerDecodesGetsAMessageNamingIt() throws {
        let root = try temporaryRoot()
        let corpus = Corpus(root: root)
        let path = try corpus.save([5], for: "changed generator")
        let gen = Gen.int(in: 0...10).filter(maxAttempts: 1) { $0 == 0 }
        let result = check("changed generator", gen, configuration: CheckConfiguration(corpusDirectory: root)) { _ in true }
        #expect(result.passed)
        #expect(result.warnings.contains { $0.message.hasPrefix(path + ": no longer decodes for this check") })
        #expect(result.warnings.map(\.kind) == [.fileNoLongerDecodes])
        #expect(result.warnings.first?.path == path)
        #expect(result.statistics.corpusFiles == 0)
        #expect(result.statistics.corpusSkipped == 1)
        #expect(result.report.contains("Warning: \(path)"))
    }

    @Test func unreadBytesAndLayoutMismatchesAreReportedNotFatal() throws {
        let root = try temporaryRoot()
        let corpus = Corpus(root: root)
        _ = try corpus.save([0, 0, 7, 7, 7], for: "bool check")
        try "0\n".write(toFile: root + "/.layout-version", atomically: true, encoding: .utf8)
        let result = check("bool check", Gen.bool, configuration: CheckConfiguration(corpusDirectory: root)) { _ in true }
        #expect(result.passed)
        #expect(result.warnings.contains { $0.message.contains("this engine reads layout 1") })
        #expect(result.warnings.contains { $0.message.hasPrefix("1 corpus file(s) have bytes this check's generator does not read") })
        #expect(result.warnings.map(\.kind) == [.layoutMismatch, .unreadBytes])
        #expect(result.warnings.last?.count == 1)
        #expect(result.statistics.corpusFiles == 1 && result.statistics.corpusSkipped == 0)
    }

    /// Nothing in a corpus directory is read without bound: a FIFO (which would wait for a
    /// writer) and a link to `/dev/zero` are skipped, a long file is read as far as any input
    /// can go, and a `.layout-version` that cannot be read as a file says so.
    @Test func aCorpusFileIsNeverReadWithoutBound() throws {
        let root = try temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let corpus = Corpus(root: root)
        let saved = try corpus.save([1], for: "bounded")
        let directory = corpus.directory(for: "bounded")
        #expect(mkfifo(directory + "/a-fifo", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: directory + "/b-zeros", withDestinationPath: "/dev/zero")
        let (entries, warnings) = corpus.entries(for: "bounded", maxBytes: 100)
        #expect(entries.map(\.path) == [saved])
        // `/dev/zero`, through the link, is a device: skipped as the FIFO is, each named.
        #expect(
            warnings
                == ["a-fifo", "b-zeros"].map {
                    CheckWarning(.fileUnreadable, path: directory + "/" + $0, "\(directory)/\($0): not a regular file (a pipe, a device or a socket); skipped")
                })
        // A regular file longer than any input: its first bytes, and a warning.
        try Data(repeating: 1, count: 150).write(to: URL(fileURLWithPath: directory + "/c-long"))
        let (long, longWarnings) = corpus.entries(for: "bounded", maxBytes: 100)
        #expect(long.first { $0.path.hasSuffix("/c-long") }?.bytes == [UInt8](repeating: 1, count: 100))
        #expect(
            longWarnings.contains(
                CheckWarning(
                    .inputTooLong, path: directory + "/c-long", "\(directory)/c-long: longer than any input (100 bytes); only its first 100 bytes were used")))
        // A layout version that is a directory: its layout is unknown, and that is said.
        try FileManager.default.removeItem(atPath: root + "/.layout-version")
        try FileManager.default.createDirectory(atPath: root + "/.layout-version", withIntermediateDirectories: false)
        #expect(corpus.layoutWarning()?.kind == .layoutMismatch)
        #expect(corpus.layoutWarning()?.message.contains("is not a regular file: the saved cases' layout is unknown") == true)
        try FileManager.default.removeItem(atPath: root + "/.layout-version")
        #expect(corpus.layoutWarning() == nil)
    }

    @Test func directoryNamesAreSanitized() {
        #expect(Corpus.directoryName(for: "Position drain: DRAIN at excess 0!") == "position-drain-drain-at-excess-0")
        #expect(Corpus.directoryName(for: "///") == "check")
    }

    @Test func aMissingCorpusRootIsAWarningNotAFailure() {
        let result = check("no corpus here", Gen.bool, configuration: CheckConfiguration(corpusDirectory: "/nonexistent/stresscheck")) { _ in true }
        #expect(result.passed)
        #expect(
            result.warnings == [
                CheckWarning(
                    .corpusMissing, path: "/nonexistent/stresscheck",
                    "the corpus directory /nonexistent/stresscheck does not exist; no saved case was replayed")
            ])
        #expect(result.report.contains("\nWarning: the corpus directory /nonexistent/stresscheck does not exist"))
        let relative = check("no corpus here", Gen.bool, configuration: CheckConfiguration(corpusDirectory: "no-such-corpus-\(UUID())")) { _ in true }
        #expect(relative.warnings.first?.message.contains("(relative to the working directory, \(FileManager.default.currentDirectoryPath))") == true)
    }

    @Test func aMissingCheckDirectoryIsNormal() throws {
        let root = try temporaryRoot()
        let result = check("nothing saved yet", Gen.bool, configuration: CheckConfiguration(corpusDirectory: root)) { _ in true }
        #expect(result.warnings.isEmpty)
        #expect(result.statistics.corpusFiles == 0)
    }

    @Test func danglingLinksAndFilesWhereADirectoryBelongsAreWarnedAbout() throws {
        let root = try temporaryRoot()
        // The root is a dangling link.
        let link = root + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: root + "/gone")
        let dangling = check("x", Gen.bool, configuration: CheckConfiguration(corpusDirectory: link)) { _ in true }
        #expect(dangling.passed)
        #expect(dangling.warnings.map(\.kind) == [.corpusUnreadable])
        #expect(dangling.warnings.first?.message == "the corpus directory \(link) is a symbolic link to nothing; no saved case was replayed")
        // The check's directory is a file.
        #expect(FileManager.default.createFile(atPath: root + "/file-check", contents: Data([1])))
        let file = check("file check", Gen.bool, configuration: CheckConfiguration(corpusDirectory: root)) { _ in true }
        #expect(file.warnings.map(\.kind) == [.corpusUnreadable])
        #expect(file.warnings.first?.path == root + "/file-check")
        // A dangling link among the files is skipped and named.
        let corpus = Corpus(root: root)
        _ = try corpus.save([1], for: "linked")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked/broken", withDestinationPath: root + "/nowhere")
        let linked = check("linked", Gen.bool, configuration: CheckConfiguration(corpusDirectory: root)) { _ in true }
        #expect(linked.warnings.map(\.kind) == [.fileUnreadable])
        #expect(linked.warnings.first?.path == root + "/linked/broken")
        #expect(linked.statistics.corpusFiles == 1 && linked.statistics.corpusSkipped == 1)
    }

    /// A save that cannot be written names the path and the reason in words, not Foundation's
    /// error dump (issue 9 §4).
    @Test func aSaveThatFailsNamesThePathAndTheReason() throws {
        let root = try temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let blocker = root + "/blocked"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data())  // a file where the check's directory belongs
        #expect(throws: CorpusSaveError(path: blocker, reason: "File exists")) {
            _ = try Corpus(root: root).save([1, 2, 3], for: "blocked")
        }
        let nested = blocker + "/inside"
        do {
            _ = try Corpus(root: nested).save([1], for: "x")
            Issue.record("saving under a file succeeded")
        } catch {
            #expect(error == CorpusSaveError(path: blocker, reason: "File exists"), "\(error)")  // the file in the way is named
            #expect(!error.description.contains("NSCocoaErrorDomain"))
        }
    }
}
