import TradingVocabulary
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads OHLCV bars from CSV files as users have them: Yahoo, Nasdaq, exchange and
/// spreadsheet exports.
///
/// ```swift
/// let loaded = try CSVLoader.load(path: "data/BTC-USD.csv")
/// let series = loaded.series(symbol: try CSVLoader.symbol(forPath: "data/BTC-USD.csv"))
/// let report = DataValidator.validate(series, lines: loaded.lines)
/// ```
///
/// - **Layout** (``CSVLayout``): a header of column names in any order, or none; `,` or `;`.
/// - **Dates**: ISO dates and date-times, `M/D/YYYY`, Unix seconds or milliseconds (see the
///   formats and the magnitude rule in `CSVTimestamp`); UTC unless a zone is written.
/// - **Numbers**: decimal or scientific, `NaN`, `inf`; an empty field or `null` reads as NaN;
///   with `;`, a decimal comma.
/// - **Syntax**: quoted fields (`"1,5"`, `""` inside), `\n` or `\r\n`, blank lines, a UTF-8 byte
///   order mark.
///
/// Only syntax is an error; bad market data loads as written, for ``DataValidator``.
/// Memory is bounded: a file is read in chunks of ``CSVLimits/readChunkBytes``, never whole,
/// and every input is held to a ``CSVLimits``.
public enum CSVLoader {
    /// Loads the file at `path`.
    ///
    /// A regular file larger than ``CSVLimits/maxFileBytes`` is refused from its size, without
    /// reading it; other files (pipes) are counted as they are read.
    ///
    /// - Parameters:
    ///   - path: The file; errors name it as given.
    ///   - limits: The limits to enforce.
    /// - Returns: The file's bars and the line of each.
    /// - Throws: ``CSVError``: the file is missing or unreadable, breaks a limit, or has a line
    ///   that cannot be parsed.
    /// - Complexity: O(n) in the file's size; memory O(rows) plus one chunk and one line.
    public static func load(path: String, limits: CSVLimits = .standard) throws(CSVError) -> LoadedCSV {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw systemError(path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw systemError(path) }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw CSVError(file: path, kind: .unreadable(reason: "is a directory"))
        }
        if (status.st_mode & S_IFMT) == S_IFREG && Int64(status.st_size) > limits.maxFileBytes {
            throw CSVError(file: path, kind: .fileTooLarge(limitBytes: limits.maxFileBytes))
        }
        var parser = CSVParser(file: path, limits: limits)
        var chunk = [UInt8](repeating: 0, count: CSVLimits.readChunkBytes)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress, buffer.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw systemError(path) }
            if count == 0 { return try parser.finish() }
            try parser.consume(chunk[..<count])
        }
    }

    /// Parses a whole CSV file held in memory (for tests, fuzz targets, and data already read).
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: The name errors give the file.
    ///   - limits: The limits to enforce (``CSVLimits/maxFileBytes`` applies to `bytes.count`).
    /// - Throws: ``CSVError`` for the first line that cannot be parsed or a limit broken.
    public static func parse(_ bytes: [UInt8], file: String = "<memory>", limits: CSVLimits = .standard) throws(CSVError) -> LoadedCSV {
        var parser = CSVParser(file: file, limits: limits)
        try parser.consume(bytes)
        return try parser.finish()
    }

    /// Parses a whole CSV file held in a string (its UTF-8 bytes).
    /// - Throws: ``CSVError`` for the first line that cannot be parsed or a limit broken.
    public static func parse(_ text: String, file: String = "<memory>", limits: CSVLimits = .standard) throws(CSVError) -> LoadedCSV {
        try parse(Array(text.utf8), file: file, limits: limits)
    }

    /// The symbol a file's name gives: its last path component without a `.csv`, `.txt` or
    /// `.tsv` extension (any case), uppercased: `data/btc-usd.csv` is `BTC-USD`, `BRK.B.csv` is
    /// `BRK.B`.
    ///
    /// - Throws: ``CSVError`` with ``CSVError/Kind/invalidSymbol(_:_:)`` when the name is not a
    ///   valid ``Symbol`` (letters, digits, `-`, `/`, `.`, `_`; at most 32 characters).
    public static func symbol(forPath path: String) throws(CSVError) -> Symbol {
        var name = Substring(path.split(separator: "/", omittingEmptySubsequences: true).last ?? "")
        if let dot = name.lastIndex(of: "."), [".csv", ".txt", ".tsv"].contains(name[dot...].lowercased()) {
            name = name[..<dot]
        }
        let text = name.uppercased()
        do {
            return try Symbol(text)
        } catch {
            throw CSVError(file: path, kind: .invalidSymbol(text, error))
        }
    }

    /// The error for the current `errno` when opening or reading `path`.
    private static func systemError(_ path: String) -> CSVError {
        let code = errno
        if code == ENOENT { return CSVError(file: path, kind: .fileNotFound) }
        return CSVError(file: path, kind: .unreadable(reason: String(cString: strerror(code))))
    }
}
