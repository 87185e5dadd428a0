import Foundation
import MarketSim

/// The document `stresscheck validate --json` prints: each file's faults or load error, the
/// alignment of several files, and the overall verdict. Every key is always written (`null` when
/// it does not apply), so CI scripts see the same keys whatever the verdict.
public struct ValidationDocument: Codable, Equatable, Sendable {
    /// True when every file loaded, has a bar, and none has a fault.
    public var clean: Bool
    /// One entry per file, in the order given.
    public var files: [File]
    /// With several files that all load: their common timestamps; otherwise `nil`.
    public var alignment: Alignment?
    /// With several files and no alignment: why (a file that did not load, a name that is not a
    /// symbol, two files of one symbol); otherwise `nil`.
    public var alignmentSkipped: String?

    /// One file's result.
    public struct File: Codable, Equatable, Sendable {
        /// The path as given.
        public var file: String
        /// The symbol the file's name makes, or `nil`.
        public var symbol: String?
        /// The number of bars loaded (0 when it did not load).
        public var bars: Int
        /// True when the file loaded but has no data row (a header alone): not clean.
        public var empty: Bool
        /// The number of faults of each kind found.
        public var faultCounts: [String: Int]
        /// Every fault, sorted by bar.
        public var faults: [Fault]
        /// Why the file did not load, or `nil`.
        public var error: LoadError?
        /// False when the file has too few returns for spikes to be looked for (or did not load);
        /// `nil` only when decoding a document written before this key existed.
        public var spikesChecked: Bool?
        /// Long steps not reported as gaps: the nights, weekends and holidays of data that trades
        /// in daily sessions (0 when the file did not load); `nil` only when decoding a document
        /// written before this key existed.
        public var sessionBreaks: Int?

        private enum CodingKeys: String, CodingKey {
            case file, symbol, bars, empty, faultCounts, faults, error, spikesChecked, sessionBreaks
        }

        /// Encodes every key, `null` for a missing value.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(symbol, forKey: .symbol)
            try container.encode(bars, forKey: .bars)
            try container.encode(empty, forKey: .empty)
            try container.encode(faultCounts, forKey: .faultCounts)
            try container.encode(faults, forKey: .faults)
            try container.encode(error, forKey: .error)
            try container.encode(spikesChecked, forKey: .spikesChecked)
            try container.encode(sessionBreaks, forKey: .sessionBreaks)
        }
    }

    /// One fault.
    public struct Fault: Codable, Equatable, Sendable {
        /// The fault's kind (``DataFaultKind``'s raw value: `spike`, `gap`, …).
        public var kind: String
        /// The bar's index in the file (0-based).
        public var bar: Int
        /// The bar's line in the file (1-based).
        public var line: Int?
        /// The values involved.
        public var detail: String

        private enum CodingKeys: String, CodingKey { case kind, bar, line, detail }

        /// Encodes every key, `null` for a missing value.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(bar, forKey: .bar)
            try container.encode(line, forKey: .line)
            try container.encode(detail, forKey: .detail)
        }
    }

    /// Why a file could not be loaded (a ``CSVError``).
    public struct LoadError: Codable, Equatable, Sendable {
        /// The kind (``CSVError/Kind/name``: `unparsableNumber`, `fileNotFound`, …).
        public var kind: String
        /// The 1-based line, or `nil`.
        public var line: Int?
        /// The 1-based column (field number), or `nil`.
        public var column: Int?
        /// The column's name, or `nil`.
        public var columnName: String?
        /// The whole message: file, line, column and what was wrong.
        public var message: String

        private enum CodingKeys: String, CodingKey { case kind, line, column, columnName, message }

        /// Encodes every key, `null` for a missing value.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(columnName, forKey: .columnName)
            try container.encode(message, forKey: .message)
        }
    }

    /// The files aligned on the timestamps they share.
    public struct Alignment: Codable, Equatable, Sendable {
        /// The number of timestamps every file has.
        public var commonBars: Int
        /// The bars each symbol would lose.
        public var dropped: [String: Int]
    }

    private enum CodingKeys: String, CodingKey { case clean, files, alignment, alignmentSkipped }

    /// Encodes every key, `null` for a missing alignment.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(clean, forKey: .clean)
        try container.encode(files, forKey: .files)
        try container.encode(alignment, forKey: .alignment)
        try container.encode(alignmentSkipped, forKey: .alignmentSkipped)
    }

    /// The document for the results of `validate`.
    init(_ results: [FileValidation], alignment: TimestampAlignment?) {
        files = results.map { result in
            File(
                file: result.path, symbol: result.symbol?.text, bars: result.times?.count ?? 0, empty: result.isEmpty,
                faultCounts: Dictionary(uniqueKeysWithValues: (result.report?.countsByKind ?? [:]).map { ($0.key.rawValue, $0.value) }),
                faults: (result.report?.faults ?? []).map { Fault(kind: $0.kind.rawValue, bar: $0.barIndex, line: $0.line, detail: $0.detail) },
                error: result.error.map {
                    LoadError(kind: $0.kind.name, line: $0.line, column: $0.column, columnName: $0.columnName, message: $0.description)
                }, spikesChecked: result.report.map(\.spikesNotChecked.isEmpty) ?? false, sessionBreaks: result.report?.sessionBreaks ?? 0)
        }
        clean = results.allSatisfy(\.isClean)
        self.alignment = alignment.map { aligned in
            Alignment(
                commonBars: aligned.commonBars,
                dropped: Dictionary(aligned.dropped.map { ($0.symbol.text, $0.bars) }, uniquingKeysWith: +))
        }
        alignmentSkipped = alignment == nil ? FileValidation.alignmentSkipped(of: results) : nil
    }

    /// The document as pretty-printed JSON with sorted keys, ending with a newline.
    public func encoded() -> String { JSONText.encode(self) }
}
