/// One command of a lane: the command and its kind (lanes have no expected responses: what the
/// model answers depends on the order the lanes took).
public struct LaneStep<Command: Sendable>: Sendable {
    public let command: Command
    public let kind: String
    /// The kind's position in the check's `commands`.
    public let kindIndex: Int

    public init(command: Command, kind: String, kindIndex: Int) {
        self.command = command
        self.kind = kind
        self.kindIndex = kindIndex
    }
}

/// A generated concurrent case: a sequential prefix (with the model's responses), then lanes
/// that run at once. Prints as the prefix and the lanes side by side.
public struct ConcurrentCase<Command: Sendable, Response: Sendable>: Sendable, CustomStringConvertible {
    /// Run on one thread before the lanes start; each step has the model's expected response.
    public let prefix: [CommandStep<Command, Response>]
    /// The lanes, each run on its own thread; at least two.
    public let lanes: [[LaneStep<Command>]]
    /// The kinds this case had enabled (swarm testing).
    public let enabledKinds: [String]

    public init(prefix: [CommandStep<Command, Response>], lanes: [[LaneStep<Command>]], enabledKinds: [String]) {
        self.prefix = prefix
        self.lanes = lanes
        self.enabledKinds = enabledKinds
    }

    /// The prefix's commands.
    public var prefixCommands: [Command] { prefix.map(\.command) }
    /// Each lane's commands.
    public var laneCommands: [[Command]] { lanes.map { $0.map(\.command) } }
    /// Commands in the prefix and every lane.
    public var commandCount: Int { prefix.count + lanes.reduce(0) { $0 + $1.count } }

    /// The case, one command a line, without numbers: `prefix: <command>` for each prefix
    /// command, then `lane <n>: <command>` for each lane's, lane by lane (what the bug zoo
    /// compares with a known minimum).
    public var commandLines: [String] {
        prefix.map { "prefix: \($0.command)" }
            + lanes.enumerated().flatMap { lane, steps in steps.map { "lane \(lane + 1): \($0.command)" } }
    }

    public var description: String {
        var lines: [String] = []
        if prefix.isEmpty {
            lines.append("prefix: (none)")
        } else {
            lines.append("prefix:")
            lines += prefix.enumerated().map { "  \($0.offset + 1). \($0.element.command)" }
        }
        lines.append("lanes, run at once:")
        let columns = lanes.map { steps in steps.enumerated().map { ["\($0.offset + 1). \($0.element.command)"] } }
        lines += LaneColumns.render(titles: lanes.indices.map { "lane \($0 + 1)" }, rows: LaneColumns.rowsByIndex(columns)).map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// Lanes printed side by side: one column per lane, `│` between them.
enum LaneColumns {
    /// Rows where row `i` holds each lane's `i`-th cell (cells are lists of lines).
    static func rowsByIndex(_ columns: [[[String]]]) -> [[[String]]] {
        let height = columns.map(\.count).max() ?? 0
        return (0..<height).map { row in columns.map { row < $0.count ? $0[row] : [] } }
    }

    /// The table: a title row, then each row's cells, lines of one cell under each other.
    static func render(titles: [String], rows: [[[String]]]) -> [String] {
        var widths = titles.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.map(\.count).max() ?? 0)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                if column > 0 { text += " │ " }
                text += column == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[column] - cell.count))
            }
            return text
        }
        var lines = [line(titles)]
        for row in rows {
            let height = row.map(\.count).max() ?? 0
            for index in 0..<height { lines.append(line(row.map { index < $0.count ? $0[index] : "" })) }
        }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }
}
