/// How a CSV file of bars is laid out: its delimiter, whether it has a header, and which field
/// holds which column.
///
/// Found from the file's first non-blank line:
/// - **Delimiter**: `;` when that line has one outside quotes, otherwise `,`. With `;`, numbers
///   may use a decimal comma (`1,5`).
/// - **Header**: the line is a header when one of its fields names a ``CSVColumn``. Columns may
///   come in any order; unknown columns (`Dividends`, `Trades`, …) are ignored; the required
///   columns (``CSVColumn/required``) must all be there.
/// - **No header**: the fields are read by their number: 6 is `Date,Open,High,Low,Close,Volume`,
///   7 is `Date,Open,High,Low,Close,Adj Close,Volume`.
public struct CSVLayout: Hashable, Sendable {
    /// The delimiter: `,` or `;`.
    public var delimiter: Character
    /// Whether the file's first non-blank line is a header.
    public var hasHeader: Bool
    /// The number of fields every row has.
    public var fieldCount: Int
    /// The 0-based field index of each column the file has.
    public var fields: [CSVColumn: Int]
    /// Each field's name: as written in the header, or the standard name without a header (an
    /// unknown column's as written).
    public var names: [String]

    /// A layout with every property given.
    public init(delimiter: Character, hasHeader: Bool, fieldCount: Int, fields: [CSVColumn: Int], names: [String]) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.fieldCount = fieldCount
        self.fields = fields
        self.names = names
    }

    /// The layout of a file without a header whose rows have `fieldCount` fields, or `nil`.
    public static func headerless(fieldCount: Int, delimiter: Character = ",") -> CSVLayout? {
        let columns: [CSVColumn]
        switch fieldCount {
        case 6: columns = [.time, .open, .high, .low, .close, .volume]
        case 7: columns = [.time, .open, .high, .low, .close, .adjustedClose, .volume]
        default: return nil
        }
        var fields: [CSVColumn: Int] = [:]
        for (index, column) in columns.enumerated() { fields[column] = index }
        return CSVLayout(delimiter: delimiter, hasHeader: false, fieldCount: fieldCount, fields: fields, names: columns.map(\.standardName))
    }

    /// The layout a header line makes, or `nil` when no field names a known column.
    ///
    /// - Returns: The layout, or the error (its kind and 1-based column, if any), or `nil` when
    ///   the line is not a header.
    static func header(_ fields: CSVFields, delimiter: Character) -> Result<CSVLayout, HeaderError>? {
        var found: [CSVColumn: Int] = [:]
        var dateOrTime: [String: Int] = [:]
        var recognizedAny = false
        var names: [String] = []
        for index in 0..<fields.count {
            let field = fields[index]
            names.append(String(decoding: field, as: UTF8.self))
            guard let (column, literal) = CSVColumn.recognize(field) else { continue }
            recognizedAny = true
            if let literal, dateOrTime[literal] == nil { dateOrTime[literal] = index }
            if found[column] == nil {
                found[column] = index
            } else if column == .time, literal == "time", found[.timeOfDay] == nil, let date = dateOrTime["date"],
                found[.time] == date
            {
                found[.timeOfDay] = index  // `Date,Time,…`: read together
            } else if column == .time, literal == "date", found[.timeOfDay] == nil, let time = dateOrTime["time"],
                found[.time] == time
            {
                found[.time] = index  // `Time,Date,…`: the date is the date part
                found[.timeOfDay] = time
            } else {
                return .failure(HeaderError(kind: .duplicateColumn(names[index]), column: index + 1, name: names[index]))
            }
        }
        guard recognizedAny else { return nil }
        for column in CSVColumn.required where found[column] == nil {
            return .failure(HeaderError(kind: .missingColumn(column.standardName), column: nil, name: nil))
        }
        return .success(CSVLayout(delimiter: delimiter, hasHeader: true, fieldCount: fields.count, fields: found, names: names))
    }

    /// A header that is not valid: what and where.
    struct HeaderError: Error {
        var kind: CSVError.Kind
        var column: Int?
        var name: String?
    }
}
