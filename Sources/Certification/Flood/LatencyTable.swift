/// The text form of a `LatencyHistogram`: the percentile table that shards of a run write and a
/// later step merges.
///
/// ```
/// stresscheck-latency-histogram v1
/// highest-trackable-ns 3600000000000
/// significant-digits 3
/// count 4
/// min-ns 80
/// max-ns 52000000
/// sum-ns 52000250
/// saturated 0
/// lowest-ns highest-ns count cumulative-percent
/// 80 80 2 50.000000
/// 90 90 1 75.000000
/// 51970048 52002815 1 100.000000
/// end
/// ```
///
/// One row per non-empty slot, ascending: the slot's lowest and highest value, its count and the
/// cumulative percentage up to it (for people reading the table; the reader checks it). The exact
/// min, max and sum are in the header, so nothing is lost: `LatencyHistogram(table: h.table) == h`.
/// The `end` line tells a complete table from a truncated one.
extension LatencyHistogram {
    static let tableMagic = "stresscheck-latency-histogram"
    static let tableVersion = "v1"
    static let rowsHeader = "lowest-ns highest-ns count cumulative-percent"

    /// The histogram as a percentile table (format above), lines ending in "\n".
    public var table: String {
        var lines = [
            "\(Self.tableMagic) \(Self.tableVersion)",
            "highest-trackable-ns \(highestTrackableValue)",
            "significant-digits \(significantDigits)",
            "count \(count)",
            "min-ns \(count == 0 ? 0 : minValue)",
            "max-ns \(maxValue)",
            "sum-ns \(sum)",
            "saturated \(saturatedCount)",
            Self.rowsHeader,
        ]
        var cumulative: Int64 = 0
        for row in nonEmptySlots {
            cumulative += row.count
            lines.append("\(row.lowest) \(row.highest) \(row.count) \(Self.percentText(cumulative, of: count))")
        }
        lines.append("end")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `part / whole` as a percentage with six decimals, truncated ("99.999000"), in integers so
    /// that the writer and the reader agree to the digit.
    static func percentText(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "0.000000" }
        let millionths = Int128(part) * 100_000_000 / Int128(whole)
        let fraction = String(millionths % 1_000_000)
        return "\(millionths / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// `text` as a number ≥ 0 written as `table` writes it (no sign, no leading zero), or nil: the
    /// reader takes only what the writer writes, so a table that reads is its histogram's own
    /// (found by `fuzz-latency-table`: "0999999" read as 999 999).
    static func canonicalNumber(_ text: String) -> Int64? {
        guard let value = Int64(text), value >= 0, String(value) == text else { return nil }
        return value
    }

    /// Reads a table written by `table`.
    ///
    /// - Throws: `LatencyTableError` naming the line (1-based) and what is wrong with it: a
    ///   missing or foreign header, an unknown version, a missing field or a bad number, a row
    ///   that is not a slot of the histogram or out of order, counts or min/max that disagree with
    ///   the rows, a truncated table or text after its end.
    public init(table: String) throws(LatencyTableError) {
        // The writer ends lines in "\n" alone; a table through a Windows editor is named as such
        // (with "\r\n" a line would not even split: it is one character to Swift).
        guard !table.utf8.contains(UInt8(ascii: "\r")) else { throw LatencyTableError(line: 1, problem: .carriageReturns) }
        var reader = TableReader(lines: table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        let magic = try reader.next()
        let parts = magic.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[0] == Self.tableMagic else { throw LatencyTableError(line: magic.number, problem: .notALatencyTable) }
        guard parts[1] == Self.tableVersion else { throw LatencyTableError(line: magic.number, problem: .unsupportedVersion(parts[1])) }

        let highest = try reader.field("highest-trackable-ns")
        let digitsLine = reader.lineNumber + 1
        let digits = try reader.field("significant-digits")
        guard Self.isValid(highest: highest, digits: Int(digits)) else {
            throw LatencyTableError(line: digitsLine, problem: .invalidConfiguration)
        }
        self.init(checkedHighest: highest, digits: Int(digits))
        let total = try reader.field("count")
        let minLine = reader.lineNumber + 1
        let minimum = try reader.field("min-ns")
        let maxLine = reader.lineNumber + 1
        let maximum = try reader.field("max-ns")
        let sumLine = reader.lineNumber + 1
        let sumField = try reader.next()
        let sumParts = sumField.text.split(separator: " ", omittingEmptySubsequences: false)
        guard sumParts.count == 2, sumParts[0] == "sum-ns" else { throw LatencyTableError(line: sumLine, problem: .expectedField("sum-ns")) }
        guard let exactSum = Int128(String(sumParts[1])), exactSum >= 0, String(exactSum) == sumParts[1] else {
            throw LatencyTableError(line: sumLine, problem: .notANumber(String(sumParts[1])))
        }
        let saturatedLine = reader.lineNumber + 1
        let saturated = try reader.field("saturated")
        let header = try reader.next()
        guard header.text == Self.rowsHeader else { throw LatencyTableError(line: header.number, problem: .expectedField(Self.rowsHeader)) }

        var cumulative: Int64 = 0
        var previousIndex = -1
        var firstRow: (lowest: Int64, highest: Int64)?
        var lastRow: (lowest: Int64, highest: Int64)?
        while true {
            let row = try reader.next()
            if row.text == "end" { break }
            let fields = row.text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { throw LatencyTableError(line: row.number, problem: .wrongFieldCount(expected: 4, found: fields.count)) }
            var numbers: [Int64] = []
            for text in fields.prefix(3) {
                guard let number = LatencyHistogram.canonicalNumber(text) else { throw LatencyTableError(line: row.number, problem: .notANumber(text)) }
                numbers.append(number)
            }
            let (lowest, highestInSlot, slotCount) = (numbers[0], numbers[1], numbers[2])
            guard lowest <= highestTrackableValue else { throw LatencyTableError(line: row.number, problem: .notASlot(lowest)) }
            let index = index(of: lowest)
            let (slotLowest, width) = slot(index)
            guard slotLowest == lowest, highestInSlot == lowest + width - 1 else {
                throw LatencyTableError(line: row.number, problem: .notASlot(lowest))
            }
            guard index > previousIndex else { throw LatencyTableError(line: row.number, problem: .rowsOutOfOrder) }
            guard slotCount > 0 else { throw LatencyTableError(line: row.number, problem: .emptyRow) }
            let (sum, overflow) = cumulative.addingReportingOverflow(slotCount)
            guard !overflow, sum <= total else {
                throw LatencyTableError(line: row.number, problem: .countMismatch(header: total, rows: overflow ? .max : sum))
            }
            cumulative = sum
            guard fields[3] == Self.percentText(cumulative, of: total) else {
                throw LatencyTableError(line: row.number, problem: .wrongCumulativePercent(fields[3]))
            }
            counts[index] = slotCount
            previousIndex = index
            if firstRow == nil { firstRow = (lowest, highestInSlot) }
            lastRow = (lowest, highestInSlot)
        }
        let endLine = reader.lineNumber
        guard cumulative == total else { throw LatencyTableError(line: endLine, problem: .countMismatch(header: total, rows: cumulative)) }
        if let firstRow, let lastRow {
            guard (firstRow.lowest...firstRow.highest).contains(minimum) else { throw LatencyTableError(line: minLine, problem: .outsideRows(minimum)) }
            guard (lastRow.lowest...lastRow.highest).contains(maximum) else { throw LatencyTableError(line: maxLine, problem: .outsideRows(maximum)) }
            guard exactSum >= Int128(minimum) * Int128(total), exactSum <= Int128(maximum) * Int128(total) else {
                throw LatencyTableError(line: sumLine, problem: .outsideRows(Int64(clamping: exactSum)))
            }
            guard saturated <= total else { throw LatencyTableError(line: saturatedLine, problem: .countMismatch(header: total, rows: saturated)) }
            count = total
            minValue = minimum
            maxValue = maximum
            sum = exactSum
            saturatedCount = saturated
        } else {
            // An empty histogram: every summary field must be zero.
            guard minimum == 0 else { throw LatencyTableError(line: minLine, problem: .outsideRows(minimum)) }
            guard maximum == 0 else { throw LatencyTableError(line: maxLine, problem: .outsideRows(maximum)) }
            guard exactSum == 0 else { throw LatencyTableError(line: sumLine, problem: .outsideRows(Int64(clamping: exactSum))) }
            guard saturated == 0 else { throw LatencyTableError(line: saturatedLine, problem: .countMismatch(header: total, rows: saturated)) }
        }
        // Only an empty final line (the last "\n") may follow.
        while let extra = reader.nextIfAny() {
            guard extra.text.isEmpty else { throw LatencyTableError(line: extra.number, problem: .textAfterEnd) }
        }
    }

    /// Merges percentile tables (e.g. one per shard or thread) into the table of the merged
    /// histogram: equal to `table` of the histogram of all their values.
    /// - Throws: `.table(index, error)` for an unreadable table, `.configurationMismatch` when
    ///   they differ in range or precision.
    public static func mergingTables(_ tables: [String]) throws(LatencyMergeError) -> String {
        var merged: LatencyHistogram?
        for (position, text) in tables.enumerated() {
            let histogram: LatencyHistogram
            do {
                histogram = try LatencyHistogram(table: text)
            } catch {
                throw .table(index: position, error)
            }
            if var sum = merged {
                do {
                    try sum.add(histogram)
                } catch {
                    switch error {
                    case .configurationMismatch, .invalidConfiguration: throw .configurationMismatch(index: position)
                    case .countOverflow: throw .countOverflow(index: position)
                    }
                }
                merged = sum
            } else {
                merged = histogram
            }
        }
        return (merged ?? LatencyHistogram()).table
    }
}

/// What is wrong with a percentile table, and on which line (1-based).
public struct LatencyTableError: Error, Hashable, Sendable {
    public var line: Int
    public var problem: Problem

    public enum Problem: Hashable, Sendable {
        /// The first line is not `stresscheck-latency-histogram vN`.
        case notALatencyTable
        case unsupportedVersion(String)
        /// The line should have been this field (or the rows' header).
        case expectedField(String)
        case notANumber(String)
        /// The range or precision cannot be a histogram's.
        case invalidConfiguration
        case wrongFieldCount(expected: Int, found: Int)
        /// The row's values are not the bounds of one slot of this histogram.
        case notASlot(Int64)
        /// Rows must be in ascending order, each slot once.
        case rowsOutOfOrder
        /// Rows are written only for non-empty slots.
        case emptyRow
        /// The cumulative percentage is not the one the counts give.
        case wrongCumulativePercent(String)
        /// The header's count and the rows' total disagree.
        case countMismatch(header: Int64, rows: Int64)
        /// The min, max or sum cannot be that of the rows.
        case outsideRows(Int64)
        /// The text stops before the `end` line.
        case truncated
        case textAfterEnd
        /// Carriage returns: the writer ends lines in "\n" alone.
        case carriageReturns
    }

    public init(line: Int, problem: Problem) {
        self.line = line
        self.problem = problem
    }
}

extension LatencyTableError.Problem: CustomStringConvertible {
    /// What is wrong, in words (the line is the error's).
    public var description: String {
        switch self {
        case .notALatencyTable: "not a latency table: the first line must be '\(LatencyHistogram.tableMagic) \(LatencyHistogram.tableVersion)'"
        case .unsupportedVersion(let version): "table version '\(version)' is not one this build reads (\(LatencyHistogram.tableVersion))"
        case .expectedField(let field): "expected a line starting '\(field)'"
        case .notANumber(let text): "'\(text)' is not a whole number ≥ 0 as the table writes them"
        case .invalidConfiguration: "the range and precision cannot be a histogram's"
        case .wrongFieldCount(let expected, let found): "a row has \(expected) fields, this one \(found)"
        case .notASlot(let lowest): "the row starting at \(lowest) ns is not one slot of this histogram"
        case .rowsOutOfOrder: "rows out of order (each slot once, ascending)"
        case .emptyRow: "a row with no decisions (only non-empty slots are written)"
        case .wrongCumulativePercent(let text): "the cumulative percentage '\(text)' is not the one the counts give (a row changed or cut short?)"
        case .countMismatch(let header, let rows): "the count says \(header) decisions, but \(rows) are counted (by the rows, or as saturated)"
        case .outsideRows(let value): "\(value) ns cannot be the min, max or sum of these rows"
        case .truncated: "the table stops before its 'end' line (cut short?)"
        case .textAfterEnd: "text after the 'end' line"
        case .carriageReturns: "carriage returns in the table (Windows line endings?): its lines end in a newline alone"
        }
    }
}

/// Why percentile tables cannot be merged.
public enum LatencyMergeError: Error, Hashable, Sendable {
    /// Table `index` (0-based) cannot be read.
    case table(index: Int, LatencyTableError)
    /// Table `index` has another range or precision than the ones before it.
    case configurationMismatch(index: Int)
    /// Table `index` brings the merged count past `Int64.max`.
    case countOverflow(index: Int)
}

/// Line-by-line reading with 1-based line numbers.
private struct TableReader {
    let lines: [String]
    var lineNumber = 0

    init(lines: [String]) { self.lines = lines }

    mutating func nextIfAny() -> (text: String, number: Int)? {
        guard lineNumber < lines.count else { return nil }
        lineNumber += 1
        return (lines[lineNumber - 1], lineNumber)
    }

    mutating func next() throws(LatencyTableError) -> (text: String, number: Int) {
        // The empty string after the final "\n" is not a line.
        let isFinalEmpty = lineNumber == lines.count - 1 && lines[lineNumber].isEmpty
        guard !isFinalEmpty, let line = nextIfAny() else { throw LatencyTableError(line: lineNumber + 1, problem: .truncated) }
        return line
    }

    /// A `name value` line with a non-negative integer value.
    mutating func field(_ name: String) throws(LatencyTableError) -> Int64 {
        let line = try next()
        let parts = line.text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == name else { throw LatencyTableError(line: line.number, problem: .expectedField(name)) }
        guard let value = LatencyHistogram.canonicalNumber(String(parts[1])) else {
            throw LatencyTableError(line: line.number, problem: .notANumber(String(parts[1])))
        }
        return value
    }
}
