/// A streaming parser of CSV files of bars: give it the bytes in chunks of any size, then ask for
/// the result.
///
/// ```swift
/// var parser = CSVParser(file: "BTC-USD.csv")
/// try parser.consume(firstChunk)
/// try parser.consume(secondChunk)
/// let loaded = try parser.finish()
/// ```
///
/// The result does not depend on where the chunks are cut (except which error an input too
/// large for ``CSVLimits/maxFileBytes`` gives: the limit is checked as bytes arrive). The parser keeps at most one
/// incomplete line between chunks (``CSVLimits/maxLineBytes``), and the bars parsed so far.
/// Lines end with `\n` or `\r\n`; the last line may lack one; blank lines are skipped anywhere;
/// a UTF-8 byte order mark at the start is dropped. See ``CSVLayout`` for headers and
/// delimiters, and ``CSVLoader`` for the formats of dates and numbers.
///
/// After an error every later call throws the same error.
public struct CSVParser: Sendable {
    /// The file named in errors.
    public let file: String
    /// The limits enforced.
    public let limits: CSVLimits

    private var pending: [UInt8] = []
    private var bytesSeen: Int64 = 0
    private var lineNumber = 0
    private var rows = 0
    private var layout: CSVLayout? {
        didSet { columns = layout.map(ColumnIndices.init) }
    }
    /// The layout's field indices, looked up once (a dictionary lookup per field costs).
    private var columns: ColumnIndices?
    private var delimiter: UInt8 = CSVFields.comma
    private var fields = CSVFields()
    private var bars: [Bar] = []
    private var lines: [Int] = []
    private var adjustedCloses: [Double] = []
    private var failure: CSVError?

    /// A parser for the file named `file` in errors.
    public init(file: String = "<memory>", limits: CSVLimits = .standard) {
        self.file = file
        self.limits = limits
    }

    /// Parses the next chunk of the file.
    /// - Throws: ``CSVError`` for the first line that cannot be parsed or a limit broken.
    public mutating func consume(_ chunk: [UInt8]) throws(CSVError) {
        try consume(chunk[...])
    }

    /// Parses the next chunk of the file.
    /// - Throws: ``CSVError`` for the first line that cannot be parsed or a limit broken.
    public mutating func consume(_ chunk: ArraySlice<UInt8>) throws(CSVError) {
        if let failure { throw failure }
        do throws(CSVError) {
            bytesSeen += Int64(chunk.count)
            guard bytesSeen <= limits.maxFileBytes else { throw CSVError(file: file, kind: .fileTooLarge(limitBytes: limits.maxFileBytes)) }
            var start = chunk.startIndex
            while let newline = chunk[start...].firstIndex(of: 0x0A) {
                if pending.isEmpty {
                    try line(chunk[start..<newline])
                } else {
                    pending.append(contentsOf: chunk[start..<newline])
                    var complete: [UInt8] = []
                    swap(&complete, &pending)
                    try line(complete[...])
                    swap(&complete, &pending)
                    pending.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            // The incomplete last line: `maxLineBytes`, and a `\r` that may come before its `\n`.
            guard pending.count + (chunk.endIndex - start) <= limits.maxLineBytes + 1 else {
                throw CSVError(file: file, line: lineNumber + 1, kind: .lineTooLong(limitBytes: limits.maxLineBytes))
            }
            pending.append(contentsOf: chunk[start...])
        } catch {
            failure = error
            throw error
        }
    }

    /// Parses what is left (a last line without a line break) and returns the file's bars.
    /// - Throws: ``CSVError``: the first error of the file, or ``CSVError/Kind/emptyFile`` when
    ///   it has no non-blank line.
    public mutating func finish() throws(CSVError) -> LoadedCSV {
        if let failure { throw failure }
        do throws(CSVError) {
            if !pending.isEmpty {
                var last: [UInt8] = []
                swap(&last, &pending)
                try line(last[...])
            }
            guard let layout else { throw CSVError(file: file, kind: .emptyFile) }
            return LoadedCSV(
                file: file, layout: layout, bars: bars, lines: lines,
                adjustedCloses: layout.fields[.adjustedClose] == nil ? nil : adjustedCloses)
        } catch {
            failure = error
            throw error
        }
    }

    /// An error at the current line.
    private func located(_ kind: CSVError.Kind, column: Int? = nil, name: String? = nil) -> CSVError {
        let name = name ?? column.flatMap { column in layout.flatMap { column <= $0.names.count ? $0.names[column - 1] : nil } }
        return CSVError(file: file, line: lineNumber, column: column, columnName: name, kind: kind)
    }

    /// One line, without its `\n`.
    private mutating func line(_ raw: ArraySlice<UInt8>) throws(CSVError) {
        lineNumber += 1
        var content = raw
        if content.last == 0x0D { content = content.dropLast() }
        guard content.count <= limits.maxLineBytes else { throw located(.lineTooLong(limitBytes: limits.maxLineBytes)) }
        if lineNumber == 1 {
            if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
            if content.starts(with: [0xFF, 0xFE]) || content.starts(with: [0xFE, 0xFF]) {
                throw located(.unsupportedEncoding("UTF-16"))
            }
        }
        if content.allSatisfy(CSVFields.isBlank) { return }
        if layout == nil {
            delimiter = CSVFields.delimiter(of: content)
            try split(content)
            let character = Character(Unicode.Scalar(delimiter))
            switch CSVLayout.header(fields, delimiter: character) {
            case .success(let header)?:
                layout = header
                return
            case .failure(let invalid)?:
                throw located(invalid.kind, column: invalid.column, name: invalid.name)
            case nil:
                guard let headerless = CSVLayout.headerless(fieldCount: fields.count, delimiter: character) else {
                    throw located(.unrecognizedLayout(fieldCount: fields.count))
                }
                layout = headerless
            }
        } else {
            try split(content)
        }
        try row()
    }

    /// Splits `content` into ``fields``.
    private mutating func split(_ content: ArraySlice<UInt8>) throws(CSVError) {
        if let (kind, column) = fields.split(content, delimiter: delimiter) {
            throw located(kind, column: column)
        }
    }

    /// The data row in ``fields``.
    private mutating func row() throws(CSVError) {
        guard let columns else { return }
        rows += 1
        guard rows <= limits.maxRows else { throw located(.tooManyRows(limit: limits.maxRows)) }
        guard fields.count == columns.fieldCount else {
            throw located(.wrongFieldCount(expected: columns.fieldCount, found: fields.count), column: min(columns.fieldCount, fields.count) + 1)
        }
        var timeText = fields[columns.time]
        if let timeOfDay = columns.timeOfDay {
            timeText = ArraySlice(Array(timeText) + [0x20] + Array(fields[timeOfDay]))
        }
        let time: SimTime
        switch CSVTimestamp.parse(timeText) {
        case .time(let t): time = t
        case .unknownFormat: throw located(.unknownDateFormat(excerpt(timeText)), column: columns.time + 1)
        case .invalid: throw located(.invalidDate(excerpt(timeText)), column: columns.time + 1)
        }
        let open = try number(at: columns.open)
        let high = try number(at: columns.high)
        let low = try number(at: columns.low)
        let close = try number(at: columns.close)
        let volume = try number(at: columns.volume)
        if let adjusted = columns.adjustedClose { adjustedCloses.append(try number(at: adjusted)) }
        bars.append(Bar(time: time, open: open, high: high, low: low, close: close, volume: volume, spreadBps: 0, liquidity: 1))
        lines.append(lineNumber)
    }

    /// The number in field `index` of ``fields``.
    private func number(at index: Int) throws(CSVError) -> Double {
        guard let value = CSVNumber.parse(fields[index], decimalComma: delimiter == CSVFields.semicolon) else {
            throw located(.unparsableNumber(excerpt(fields[index])), column: index + 1)
        }
        return value
    }

    /// A field's text for a message: at most 40 characters, invalid UTF-8 replaced.
    private func excerpt(_ field: ArraySlice<UInt8>) -> String {
        let text = String(decoding: field.prefix(160), as: UTF8.self)
        return text.count <= 40 ? text : String(text.prefix(39)) + "…"
    }
}

/// The field index of each column of a layout (the required columns are always there).
private struct ColumnIndices: Sendable {
    var fieldCount: Int
    var time: Int, timeOfDay: Int?, open: Int, high: Int, low: Int, close: Int, adjustedClose: Int?, volume: Int

    init(_ layout: CSVLayout) {
        fieldCount = layout.fieldCount
        let fields = layout.fields
        // A layout is made only with its required columns found: one missing here is a bug in
        // the layout's detection, and reading field 0 in its place would be silently wrong.
        func required(_ column: CSVColumn) -> Int {
            guard let index = fields[column] else { preconditionFailure("a CSV layout without its required column \(column)") }
            return index
        }
        (time, timeOfDay) = (required(.time), fields[.timeOfDay])
        (open, high, low, close) = (required(.open), required(.high), required(.low), required(.close))
        (adjustedClose, volume) = (fields[.adjustedClose], required(.volume))
    }
}
