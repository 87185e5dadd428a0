import PropertyCheck

/// A column-aligned text table whose cells may span several lines.
struct TextTable {
    /// How a column's cells line up.
    enum Alignment { case left, right }

    /// A column: its header and alignment.
    struct Column {
        let header: String
        let alignment: Alignment
    }

    let columns: [Column]
    /// Rows of cells; a cell is one or more lines.
    var rows: [[[String]]] = []

    /// Renders the header, a rule of dashes under each header, and the rows, with two spaces
    /// between columns and no trailing spaces.
    func render() -> String {
        var widths = columns.map { $0.header.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.map(\.count).max() ?? 0)
            }
        }
        var lines = [line(columns.map(\.header), widths: widths), line(widths.map { String(repeating: "-", count: $0) }, widths: widths)]
        for row in rows {
            let height = row.map(\.count).max() ?? 1
            for lineIndex in 0..<max(height, 1) {
                lines.append(line(row.map { lineIndex < $0.count ? $0[lineIndex] : "" }, widths: widths))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One text line from one line of each cell.
    private func line(_ cells: [String], widths: [Int]) -> String {
        var parts: [String] = []
        for (index, column) in columns.enumerated() {
            let text = index < cells.count ? cells[index] : ""
            let padding = String(repeating: " ", count: max(widths[index] - text.count, 0))
            parts.append(column.alignment == .left ? text + padding : padding + text)
        }
        let joined = parts.joined(separator: "  ")
        return String(joined.reversed().drop { $0 == " " }.reversed())
    }
}

/// The summary table printed after checking: one row per machine.
public enum SummaryTable {
    /// The widest the coverage column grows before its labels wrap onto more lines.
    static let coverageWidth = 60

    /// The table for `reports`: machine, seed (what reruns it), cases, steps, commands per second, coverage labels and
    /// result.
    public static func render(_ reports: [MachineReport]) -> String {
        var table = TextTable(columns: [
            .init(header: "machine", alignment: .left),
            .init(header: "seed", alignment: .left),
            .init(header: "cases", alignment: .right),
            .init(header: "steps", alignment: .right),
            .init(header: "commands/s", alignment: .right),
            .init(header: "coverage (% of cases)", alignment: .left),
            .init(header: "result", alignment: .left),
        ])
        for report in reports {
            table.rows.append([
                [report.name],
                [report.seed],
                [Format.grouped(report.cases)],
                [Format.grouped(report.steps)],
                [Format.rate(report.stepsPerSecond)],
                coverage(report.labels, cases: report.cases),
                [report.passed ? "PASS" : (report.failureKind == .interrupted ? "INTERRUPTED: " : "FAIL: ") + report.exitReason],
            ])
        }
        return table.render()
    }

    /// The labels with their share of cases, most frequent first, wrapped into lines of at most
    /// ``coverageWidth`` characters.
    ///
    /// To stay compact: type qualifiers are dropped (`Sector.bitcoin` reads `bitcoin`); labels
    /// that differ only in a parenthesized argument are shown once as a family with the range of
    /// their shares (`sectorHardLimit(…) 20–33%`); command labels (`command open`) are shortened
    /// to the command's name and listed last, on their own line. The JSON output keeps every label.
    static func coverage(_ labels: [String: Int], cases: Int) -> [String] {
        guard !labels.isEmpty else { return ["-"] }
        var families: [String: [Int]] = [:]
        var commands: [(name: String, count: Int)] = []
        for (label, count) in labels {
            if let kind = CommandLabel.kind(of: label) {
                commands.append((unqualified(kind), count))
            } else {
                families[family(of: unqualified(label)), default: []].append(count)
            }
        }
        let states = families.map { (name: $0.key, counts: $0.value.sorted()) }
            .sorted { ($0.counts.last ?? 0, $1.name) > ($1.counts.last ?? 0, $0.name) }
        var items = states.map { family in
            let low = family.counts.first ?? 0
            let high = family.counts.last ?? 0
            let share =
                low == high
                ? Format.percent(high, of: cases)
                : Format.percent(low, of: cases).dropLast() + "–" + Format.percent(high, of: cases)
            return "\(family.name) \(share)"
        }
        items += commands.sorted { ($0.count, $1.name) > ($1.count, $0.name) }.enumerated().map { index, command in
            (index == 0 ? "commands: " : "") + "\(command.name) \(Format.percent(command.count, of: cases))"
        }
        var lines: [String] = []
        var current = ""
        for (index, item) in items.enumerated() {
            let piece = item + (index < items.count - 1 ? "," : "")
            if current.isEmpty {
                current = piece
            } else if current.count + 1 + piece.count <= coverageWidth && !piece.hasPrefix("commands: ") {
                current += " " + piece
            } else {
                lines.append(current)
                current = piece
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `label` without type qualifiers: every `Identifier.` that starts a word and is followed
    /// by another identifier is removed (`Vocabulary.Sector.bitcoin` → `bitcoin`).
    static func unqualified(_ label: String) -> String {
        var result = ""
        var word = ""
        func flush(_ next: Character?) {
            if next == ".", let first = word.first, first.isLetter || first == "_" {
                word = ""
            } else {
                result += word
                if let next { result.append(next) }
                word = ""
            }
        }
        for character in label {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flush(character)
            }
        }
        flush(nil)
        return result
    }

    /// The family of a label: its text with the argument in the last parentheses replaced by `…`
    /// (`sectorHardLimit(bitcoin)` → `sectorHardLimit(…)`); the label itself when it has none.
    static func family(of label: String) -> String {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "("), label.index(after: open) < label.index(before: label.endIndex) else {
            return label
        }
        return label[...open] + "…)"
    }
}
