import Foundation
import MarketSim
import Testing
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loading from disk: files in a temporary directory, missing and unreadable files, limits on
/// big files.
@Suite struct CSVFileTests {
    @Test func filesLoadLikeTheirBytes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Larger than one read chunk, so lines straddle chunk boundaries.
        let bars = try generatedBars(.gbm(drift: 0, volatility: 0.8), seed: 4, count: 3_000)
        let text = CSVWriter.text(bars)
        #expect(text.utf8.count > 3 * CSVLimits.readChunkBytes)
        let path = directory + "/BTC-USD.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try CSVLoader.load(path: path)
        #expect(loaded.file == path)
        #expect(bits(loaded.bars) == bits(asLoaded(bars)))
        #expect(loaded.lines == Array(2...3_001))
        #expect(same(.success(loaded), .success(try CSVLoader.parse(Array(text.utf8), file: path))))
        #expect(try CSVLoader.symbol(forPath: path).text == "BTC-USD")
    }

    @Test func errorsInFilesNameThePath() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/eth.csv"
        try "Date;Open;High;Low;Close;Volume\r\n2024-01-02;1;2;1;1,5;10\r\n2024-01-03;1;2;x;1,5;10\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CSVError(file: path, line: 3, column: 4, columnName: "Low", kind: .unparsableNumber("x"))) {
            try CSVLoader.load(path: path)
        }
    }

    @Test func missingFilesAndDirectories() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: CSVError(file: directory + "/none.csv", kind: .fileNotFound)) {
            try CSVLoader.load(path: directory + "/none.csv")
        }
        #expect(throws: CSVError(file: directory, kind: .unreadable(reason: "is a directory"))) {
            try CSVLoader.load(path: directory)
        }
    }

    /// A 1 GiB sparse file is refused from its size at once: no byte of it is read.
    @Test func oneGigabyteFileIsRefusedWithoutReadingIt() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/huge.csv"
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let size: Int64 = 1 << 30
        let truncated = ftruncate(descriptor, off_t(size))
        close(descriptor)
        try #require(truncated == 0)
        let started = ContinuousClock.now
        #expect(throws: CSVError(file: path, kind: .fileTooLarge(limitBytes: CSVLimits.defaultMaxFileBytes))) {
            try CSVLoader.load(path: path)
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        // With a limit above its size, its first line (a gibibyte of zero bytes) is refused after
        // 4 KiB: still nothing like the whole file is read.
        #expect(throws: CSVError(file: path, line: 1, kind: .lineTooLong(limitBytes: CSVLimits.defaultMaxLineBytes))) {
            try CSVLoader.load(path: path, limits: CSVLimits(maxFileBytes: size * 2))
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    /// Inputs of unknown size (a device, a pipe) are counted as they are read.
    @Test func endlessInputIsCutAtTheSizeLimit() throws {
        let limits = CSVLimits(maxFileBytes: 1 << 20, maxLineBytes: 1 << 22)
        #expect(throws: CSVError(file: "/dev/zero", kind: .fileTooLarge(limitBytes: 1 << 20))) {
            try CSVLoader.load(path: "/dev/zero", limits: limits)
        }
        #expect(throws: CSVError(file: "/dev/zero", line: 1, kind: .lineTooLong(limitBytes: CSVLimits.defaultMaxLineBytes))) {
            try CSVLoader.load(path: "/dev/zero")
        }
    }

    @Test func tooManyRowsInAGeneratedFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/rows.csv"
        let bars = try generatedBars(.gbm(drift: 0, volatility: 0.5), seed: 9, count: 10_001)
        try CSVWriter.text(bars).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CSVError(file: path, line: 10_002, kind: .tooManyRows(limit: 10_000))) {
            try CSVLoader.load(path: path, limits: CSVLimits(maxRows: 10_000))
        }
        #expect(try CSVLoader.load(path: path, limits: CSVLimits(maxRows: 10_001)).bars.count == 10_001)
    }
}
