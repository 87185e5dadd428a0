import Certification
import Foundation

/// `stresscheck merge` given latency tables (`certify --latency-table`, one per shard or
/// machine): the merged histogram's percentiles, and with `--output` the merged table. Every
/// file is read and checked before anything is written; any problem is exit 2 naming the file
/// and the line.
enum LatencyMerge {
    /// Whether `bytes` begin as a latency table does (so `merge` knows which kind it was given).
    static func isLatencyTable(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: "stresscheck-latency-histogram ".utf8)
    }

    /// Merges `files` (each path with its bytes, read by `merge`) into `output` if given.
    static func run(_ files: [(path: String, bytes: [UInt8])], output: OutputFile?, options: Options, console: Console) throws(UsageError) -> Int32 {
        var tables: [String] = []
        for (path, bytes) in files {
            guard isLatencyTable(bytes), let text = String(validating: bytes, as: UTF8.self) else {
                return Stress.fail("\(path): not a latency table (merge takes shard files or latency tables, not both)", console: console)
            }
            tables.append(text)
        }
        let files = files.map(\.path)
        let merged: String
        do {
            merged = try LatencyHistogram.mergingTables(tables)
        } catch {
            return Stress.fail(describe(error, files: files), console: console)
        }
        // `mergingTables` wrote it from a histogram: it reads back, or the writer and the reader disagree.
        let histogram: LatencyHistogram
        do { histogram = try LatencyHistogram(table: merged) } catch { preconditionFailure("the merged latency table does not read back: \(error)") }
        if let output { try output.write(Array(merged.utf8)) }
        let summary = histogram.summary
        if options.json {
            console.output.write(JSONText.encode(Document(summary, tables: files.count, output: output?.path)))
        } else {
            console.output.write(text(summary, tables: files.count, output: output?.path))
        }
        return ExitStatus.passed
    }

    /// The merged percentiles as a table for people.
    static func text(_ summary: LatencySummary, tables: Int, output: String?) -> String {
        func ms(_ ns: Int64) -> String { String(format: "%.3f ms", Double(ns) / 1e6) }
        var lines = ["latency tables merged: \(tables), \(summary.count) decisions"]
        // Zeros would read as measurements.
        guard summary.count > 0 else {
            lines.append("  no decision was recorded in any of them: no percentiles")
            if let output { lines.append("merged table written to \(output)") }
            return lines.joined(separator: "\n") + "\n"
        }
        let rows: [(String, Int64)] = [
            ("min", summary.min), ("p50", summary.p50), ("p90", summary.p90), ("p99", summary.p99), ("p99.9", summary.p999),
            ("p99.99", summary.p9999), ("max", summary.max),
        ]
        for (name, value) in rows { lines.append("  " + name.padding(toLength: 8, withPad: " ", startingAt: 0) + ms(value)) }
        lines.append("  mean    " + String(format: "%.3f ms", summary.mean / 1e6))
        if let output { lines.append("merged table written to \(output)") }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Document: Encodable {
        let tables: Int
        let count: Int64
        let minNanoseconds: Int64
        let p50Nanoseconds: Int64
        let p90Nanoseconds: Int64
        let p99Nanoseconds: Int64
        let p999Nanoseconds: Int64
        let p9999Nanoseconds: Int64
        let maxNanoseconds: Int64
        let meanNanoseconds: Double
        let output: String?

        init(_ s: LatencySummary, tables: Int, output: String?) {
            self.tables = tables
            count = s.count
            minNanoseconds = s.min
            p50Nanoseconds = s.p50
            p90Nanoseconds = s.p90
            p99Nanoseconds = s.p99
            p999Nanoseconds = s.p999
            p9999Nanoseconds = s.p9999
            maxNanoseconds = s.max
            meanNanoseconds = s.mean
            self.output = output
        }
    }

    /// A merge error with the file it is about.
    static func describe(_ error: LatencyMergeError, files: [String]) -> String {
        switch error {
        case .table(let index, let tableError):
            "\(files[index]): line \(tableError.line): \(tableError.problem.description)"
        case .configurationMismatch(let index):
            "\(files[index]): another range or precision than \(files[0]) (tables of one flood configuration only)"
        case .countOverflow(let index):
            "\(files[index]): its count and the tables' before it add up to more than \(Int64.max) decisions"
        }
    }
}
