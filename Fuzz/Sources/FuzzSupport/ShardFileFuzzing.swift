import StressRun

/// The reader of stress shard files (`stresscheck merge`), fuzzed: any bytes give a `ShardFile`
/// or a `ShardFileError`, never a trap. Its promises:
///
/// - an error names a line of the input (1 … lines + 1) or none;
/// - a file that reads holds exactly its shard's items, in order;
/// - its canonical bytes (`encoded`) read back to the same file, and encode again to the same bytes;
/// - its summary counts its items; a whole-batch file (shard 0 of 1) merges alone into itself.
public enum ShardFileFuzzing {
    /// What the property found wrong with `bytes`, or `nil`.
    public static func check(_ bytes: [UInt8]) -> (signature: String, details: String)? {
        let lines = bytes.count(where: { $0 == 0x0A }) + 1
        let file: ShardFile
        do {
            file = try ShardFile(parsing: bytes)
        } catch {
            if let line = error.line, line < 1 || line > lines + 1 { return ("an error's line outside the input", "\(error) in \(lines) lines") }
            return nil
        }
        let numbers = Array(file.header.shard.items(of: file.header.plan.itemCount))
        guard file.items.map(\.item.number) == numbers else {
            return ("items other than the shard's", "\(file.items.map(\.item.number)) for \(numbers)")
        }
        let encoded = file.encoded
        let again: ShardFile
        do { again = try ShardFile(parsing: encoded) } catch {
            return ("the written file does not read back", "\(error)\nwritten:\n\(String(decoding: encoded, as: UTF8.self))")
        }
        guard again == file, again.encoded == encoded else {
            return ("the written file reads back otherwise", String(decoding: encoded, as: UTF8.self))
        }
        let summary = BatchSummary(file.items)
        guard summary.runs == file.items.count, summary.passes == file.items.count(where: \.passed),
            summary.failures.map(\.runs).allSatisfy({ $0 >= 1 })
        else {
            return ("the summary miscounts the items", "\(summary)")
        }
        if file.header.shard.count == 1 {
            do {
                guard try ShardMerge.merge([("fuzz", file)]).encoded == encoded else { return ("a whole file merges into another", "") }
            } catch {
                return ("a whole file does not merge alone", "\(error)")
            }
        }
        return nil
    }

    /// The fuzz target (`fuzz-shard-file`).
    public static let target = FuzzTarget(name: "shard-file") { bytes, _ in
        guard let failure = check(bytes) else {
            return FuzzVerdict(outcome: .passed, report: "", counterexampleBytes: nil, counterexample: nil)
        }
        let input = String(decoding: bytes, as: UTF8.self).debugDescription
        let report = "✗ shard-file failed on \(bytes.count) bytes\n\nFailure: \(failure.signature)\n\(failure.details)\n\nInput:\n\(input)"
        return FuzzVerdict(outcome: .failed, report: report, counterexampleBytes: bytes, counterexample: input, signature: failure.signature)
    }
}
