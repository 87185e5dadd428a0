/// Combines the shard files of one campaign into the file of the whole batch.
///
/// The files must come from the same campaign (plan and campaign seed), the same code
/// (``ShardHeader/codeVersion`` and simulation version) and the same shard count, and their
/// indices must be distinct and complete. Each file is already known complete and consistent
/// (``ShardFile/init(parsing:)``), so the merged items are exactly the batch's, in item order:
/// the merged file is byte for byte the file of the unsharded run, and its ``BatchSummary`` is
/// recomputed from the items, equal to the whole run's.
public enum ShardMerge {
    /// The whole batch from its shards.
    ///
    /// - Parameter files: Each file's name (for messages) and contents.
    /// - Returns: The batch as one file: shard 0 of 1, every item in order.
    /// - Throws: ``ShardMergeError``.
    public static func merge(_ files: [(name: String, file: ShardFile)]) throws(ShardMergeError) -> ShardFile {
        guard let first = files.first else { throw ShardMergeError(.noFiles, "no shard file given") }
        let reference = first.file.header
        for (name, file) in files.dropFirst() {
            let header = file.header
            func differ(_ what: String, _ a: String, _ b: String) -> ShardMergeError {
                ShardMergeError(.differentCampaigns, "\(first.name) and \(name) are from different \(what): \(a) and \(b)")
            }
            guard header.codeVersion == reference.codeVersion else {
                throw differ("code versions", reference.codeVersion.debugDescription, header.codeVersion.debugDescription)
            }
            guard header.simulationVersion == reference.simulationVersion else {
                throw differ("simulation versions", "\(reference.simulationVersion)", "\(header.simulationVersion)")
            }
            guard header.plan.campaignSeed == reference.plan.campaignSeed else {
                throw differ("campaigns (campaign seeds)", BatchSeed.format(reference.plan.campaignSeed), BatchSeed.format(header.plan.campaignSeed))
            }
            guard header.plan == reference.plan else {
                throw differ("campaigns (plans)", describe(reference.plan), describe(header.plan))
            }
            guard header.shard.count == reference.shard.count else {
                throw ShardMergeError(.shardCountMismatch, "\(first.name) is one of \(reference.shard.count) shards, \(name) one of \(header.shard.count)")
            }
        }
        // Sized by the files given, never by a count read from a file.
        let count = reference.shard.count
        var owner: [Int: String] = [:]
        for (name, file) in files {
            let index = file.header.shard.index
            if let other = owner[index] {
                throw ShardMergeError(.duplicateShard, "\(other) and \(name) are both shard \(index) of \(count)")
            }
            owner[index] = name
        }
        guard owner.count == count else {
            var missing: [Int] = []
            for index in 0..<count where owner[index] == nil {
                missing.append(index)
                if missing.count == 20 { break }
            }
            let more = count - owner.count > missing.count ? ", … (\(count - owner.count) in all)" : ""
            throw ShardMergeError(
                .missingShards,
                "missing shard\(count - owner.count == 1 ? "" : "s") "
                    + missing.map(String.init).joined(separator: ", ") + more + " of \(count)")
        }
        var items = [BatchItemResult?](repeating: nil, count: reference.plan.itemCount)
        for (_, file) in files {
            for result in file.items { items[result.item.number] = result }
        }
        let merged = items.compactMap { $0 }
        // Complete shards of one plan cover every item once; a gap here would be a reader bug.
        precondition(merged.count == reference.plan.itemCount, "complete shards left items out")
        return ShardFile(
            header: ShardHeader(
                plan: reference.plan, codeVersion: reference.codeVersion,
                simulationVersion: reference.simulationVersion, shard: .whole), items: merged)
    }

    static func describe(_ plan: BatchPlan) -> String {
        "[\(plan.scenarios.joined(separator: ", "))] × [\(plan.strategies.map(\.name).joined(separator: ", "))] × \(plan.seeds) seeds"
    }
}

/// Why shard files cannot be merged.
public struct ShardMergeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case noFiles
        /// Different code versions, simulation versions, campaign seeds or plans.
        case differentCampaigns
        case shardCountMismatch
        case duplicateShard
        case missingShards
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
