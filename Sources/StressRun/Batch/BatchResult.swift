/// A batch (or one shard of it) once run or merged: what it was, every item's result in item
/// order, and the summary computed from them.
///
/// This is the value the reports consume: the text table and `--json` of `stresscheck stress`
/// and `stresscheck merge` today; an HTML report or a shrink step (which replays the first item
/// of each ``BatchSummary/failures`` entry with ``BatchRunner/replay(_:of:executor:)`` and
/// minimizes it) later, with no change to the runner.
public struct BatchResult: Hashable, Sendable {
    public let header: ShardHeader
    public let items: [BatchItemResult]
    public let summary: BatchSummary

    public init(header: ShardHeader, items: [BatchItemResult]) {
        self.header = header
        self.items = items
        summary = BatchSummary(items)
    }

    /// The result of a shard file (a merged file is the whole batch).
    public init(_ file: ShardFile) { self.init(header: file.header, items: file.items) }

    /// The shard file of this result.
    public var file: ShardFile { ShardFile(header: header, items: items) }

    /// True when every item ran (an interrupted run has fewer).
    public var isComplete: Bool { items.count == header.shardItemCount }
}
