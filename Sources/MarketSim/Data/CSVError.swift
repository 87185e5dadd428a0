import TradingVocabulary

/// Why a CSV file of bars could not be loaded: what was wrong, in which file, at which line and
/// column.
///
/// Only syntax is an error: a field that is not a number or a date, a row with the wrong number
/// of fields, a missing column, a file that cannot be read or breaks a ``CSVLimits`` limit.
/// Rows that parse but make no sense as market data (NaN, negative prices, high below low,
/// timestamps out of order) load as they are, for ``DataValidator`` to report.
///
/// ```
/// BTC-USD.csv, line 12, column 3 (High): unparsable number "1.2.3"
/// ```
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, as the loader was given it (`<memory>` for bytes parsed from memory).
    public var file: String
    /// The 1-based line of the file, or `nil` when the error concerns the whole file.
    ///
    /// Lines are physical lines: blank lines and the header count.
    public var line: Int?
    /// The 1-based field number in the row, or `nil` when the error concerns the whole line.
    public var column: Int?
    /// The column's name: as written in the header, or the standard name (`Date`, `Open`, …) for
    /// a file without a header; `nil` when ``column`` is `nil` or the field has no known role.
    public var columnName: String?
    /// What was wrong.
    public var kind: Kind

    /// An error with every field given.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, kind: Kind) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.kind = kind
    }

    /// What was wrong with a CSV file.
    public enum Kind: Hashable, Sendable {
        /// The file does not exist.
        case fileNotFound
        /// The file exists but cannot be read; the payload is the system's reason.
        case unreadable(reason: String)
        /// The file is larger than ``CSVLimits/maxFileBytes``.
        case fileTooLarge(limitBytes: Int64)
        /// A line is longer than ``CSVLimits/maxLineBytes`` (its line break not counted).
        case lineTooLong(limitBytes: Int)
        /// The file has more data rows than ``CSVLimits/maxRows``.
        case tooManyRows(limit: Int)
        /// The file has no bytes, or only blank lines (and perhaps a byte order mark).
        case emptyFile
        /// The file is not UTF-8 (or ASCII): the payload names the encoding its byte order mark shows.
        case unsupportedEncoding(String)
        /// The first row is not a recognized header, and its number of fields matches no header-less
        /// layout (6: `Date,Open,High,Low,Close,Volume`; 7: with `Adj Close` before `Volume`).
        case unrecognizedLayout(fieldCount: Int)
        /// The header lacks a required column; the payload is its standard name.
        case missingColumn(String)
        /// The header names the same column twice; the payload is the second name as written.
        case duplicateColumn(String)
        /// A row has another number of fields than the header (or the first row).
        /// ``CSVError/column`` is the first field missing or in excess.
        case wrongFieldCount(expected: Int, found: Int)
        /// A quoted field has no closing quote before the end of the line (fields cannot span lines).
        case unterminatedQuote
        /// A closing quote is followed by something other than the delimiter or the end of the line.
        case textAfterClosingQuote
        /// A price or volume field is not a number; the payload is the field's text.
        case unparsableNumber(String)
        /// A date field matches none of the supported formats; the payload is the field's text.
        case unknownDateFormat(String)
        /// A date field has a supported format but names no instant in 1678…2261 (month 13,
        /// 31 April, hour 25, a timestamp too large); the payload is the field's text.
        case invalidDate(String)
        /// The file's name does not make a valid ``Symbol`` (see ``CSVLoader/symbol(forPath:)``).
        case invalidSymbol(String, SymbolError)
    }

    /// `file, line L, column C (Name): what was wrong`.
    public var description: String {
        var place = file
        if let line { place += ", line \(line)" }
        if let column { place += ", column \(column)" + (columnName.map { " (\($0))" } ?? "") }
        return place + ": " + kind.description
    }
}

extension CSVError.Kind: CustomStringConvertible {
    /// What was wrong, as a phrase.
    public var description: String {
        switch self {
        case .fileNotFound: "no such file"
        case .unreadable(let reason): "cannot be read: \(reason)"
        case .fileTooLarge(let limit): "file larger than the limit of \(limit) bytes"
        case .lineTooLong(let limit): "line longer than the limit of \(limit) bytes"
        case .tooManyRows(let limit): "more than the limit of \(limit) data rows"
        case .emptyFile: "empty file (no rows)"
        case .unsupportedEncoding(let encoding): "the file is \(encoding); save it as UTF-8"
        case .unrecognizedLayout(let count):
            "no header, and \(count) field\(count == 1 ? "" : "s") match no layout (6: Date,Open,High,Low,Close,Volume; 7: Date,Open,High,Low,Close,Adj Close,Volume)"
        case .missingColumn(let name): "no \(name) column in the header"
        case .duplicateColumn(let name): "column \"\(name)\" repeats a column already named"
        case .wrongFieldCount(let expected, let found): "\(found) field\(found == 1 ? "" : "s") where \(expected) were expected"
        case .unterminatedQuote: "quoted field without its closing quote"
        case .textAfterClosingQuote: "text after a closing quote"
        case .unparsableNumber(let text): "unparsable number \(Self.quoted(text))"
        case .unknownDateFormat(let text):
            "unknown date format \(Self.quoted(text)) (expected YYYY-MM-DD[THH:MM[:SS[.fff]][Z]], M/D/YYYY [H:MM[:SS]], or Unix seconds or milliseconds)"
        case .invalidDate(let text): "no such date or time \(Self.quoted(text)) (or outside 1678…2261)"
        case .invalidSymbol(let name, let error): "the file name does not make a symbol: \"\(name)\": \(error)"
        }
    }

    /// The case's name, a stable identifier for machine-readable reports: `unparsableNumber`,
    /// `missingColumn`, `fileTooLarge`, ….
    public var name: String {
        switch self {
        case .fileNotFound: "fileNotFound"
        case .unreadable: "unreadable"
        case .fileTooLarge: "fileTooLarge"
        case .lineTooLong: "lineTooLong"
        case .tooManyRows: "tooManyRows"
        case .emptyFile: "emptyFile"
        case .unsupportedEncoding: "unsupportedEncoding"
        case .unrecognizedLayout: "unrecognizedLayout"
        case .missingColumn: "missingColumn"
        case .duplicateColumn: "duplicateColumn"
        case .wrongFieldCount: "wrongFieldCount"
        case .unterminatedQuote: "unterminatedQuote"
        case .textAfterClosingQuote: "textAfterClosingQuote"
        case .unparsableNumber: "unparsableNumber"
        case .unknownDateFormat: "unknownDateFormat"
        case .invalidDate: "invalidDate"
        case .invalidSymbol: "invalidSymbol"
        }
    }

    /// `text` in quotes, with control characters escaped.
    static func quoted(_ text: String) -> String { text.debugDescription }
}
