import MarketSim
import TradingMachines

/// One shard's results as a JSON Lines file: a header line, one line per item in item order,
/// and a footer line that marks the file complete (`docs/stress.md`, "Sharding a campaign").
///
/// ```
/// {"campaignSeed":"0x…","codeVersion":"…","format":"stresscheck-shard","formatVersion":1,"itemCount":1200,…,"type":"header"}
/// {"emergencyStops":0,…,"item":0,…,"type":"item"}
/// {"digest":"0x…","items":600,"type":"footer"}
/// ```
///
/// Every line is one JSON object with sorted keys and no spaces, written by `StateJSON` (the
/// house's own writer and strict parser), so the same campaign gives the same bytes. Seeds are
/// strings (`0x` + 16 hex digits): a JSON number cannot hold every 64-bit seed in most readers.
/// The footer's `digest` is FNV-1a (64-bit) of the item lines' bytes, newlines included, and
/// `items` their count: a file cut anywhere, or an item line edited, is detected.
public struct ShardFile: Hashable, Sendable {
    public let header: ShardHeader
    /// The shard's item results, in item order.
    public let items: [BatchItemResult]

    /// The `format` field of every header.
    public static let format = "stresscheck-shard"
    /// The version of this layout; a reader refuses any other.
    public static let formatVersion = 1

    public init(header: ShardHeader, items: [BatchItemResult]) {
        self.header = header
        self.items = items
    }

    /// The file's bytes.
    public var encoded: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256 * (items.count + 2))
        header.json.write(into: &output)
        output.append(0x0A)
        let start = output.count
        for result in items {
            result.json.write(into: &output)
            output.append(0x0A)
        }
        let digest = Self.digest(output[start...])
        let footer = StateJSON.object([
            .init("digest", .string(BatchSeed.format(digest))), .init("items", .number(.init(items.count))), .init("type", .string("footer")),
        ])
        footer.write(into: &output)
        output.append(0x0A)
        return output
    }

    /// FNV-1a, 64-bit.
    static func digest(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// The first line of a shard file: which campaign, which code, which shard.
public struct ShardHeader: Hashable, Sendable {
    /// The plan: scenarios, strategies, seeds per pair and the campaign seed.
    public let plan: BatchPlan
    /// The code that ran it (``CodeVersion``): shards of different code are never merged.
    public let codeVersion: String
    /// ``CrashSimulator/version`` of the code that ran it.
    public let simulationVersion: Int
    public let shard: BatchShard

    public init(plan: BatchPlan, codeVersion: String, simulationVersion: Int = CrashSimulator.version, shard: BatchShard) {
        self.plan = plan
        self.codeVersion = codeVersion
        self.simulationVersion = simulationVersion
        self.shard = shard
    }

    /// Items in this shard.
    public var shardItemCount: Int { shard.itemCount(of: plan.itemCount) }

    var json: StateJSON {
        .object([
            .init("campaignSeed", .string(BatchSeed.format(plan.campaignSeed))),
            .init("codeVersion", .string(codeVersion)),
            .init("format", .string(ShardFile.format)),
            .init("formatVersion", .number(.init(ShardFile.formatVersion))),
            .init("itemCount", .number(.init(plan.itemCount))),
            .init("scenarios", .array(plan.scenarios.map { .string($0) })),
            .init("seeds", .number(.init(plan.seeds))),
            .init("shardCount", .number(.init(shard.count))),
            .init("shardIndex", .number(.init(shard.index))),
            .init("shardItemCount", .number(.init(shardItemCount))),
            .init("simulationVersion", .number(.init(simulationVersion))),
            .init("strategies", .array(plan.strategies.map { .string($0.name) })),
            .init("type", .string("header")),
        ])
    }
}

extension BatchItemResult {
    var json: StateJSON {
        let liveness: String
        let reasons: [String]
        switch self.liveness {
        case .held: (liveness, reasons) = ("held", [])
        case .notApplicable: (liveness, reasons) = ("notApplicable", [])
        case .failed(let kinds): (liveness, reasons) = ("failed", kinds)
        }
        return .object([
            .init("emergencyStops", .number(.init(emergencyStops))),
            .init("error", error.map { .string($0) } ?? .null),
            .init("executionFailures", .number(.init(executionFailures))),
            .init("item", .number(.init(item.number))),
            .init("liveness", .string(liveness)),
            .init("livenessReasons", .array(reasons.map { .string($0) })),
            .init("maxDrawdown", .number(Self.number(maxDrawdown))),
            .init("passed", .bool(passed)),
            .init("pnl", .number(.init(String(pnl)) ?? .init(0))),
            .init("scenario", .string(item.scenario)),
            .init("seed", .string(BatchSeed.format(item.seed))),
            .init("steps", .number(.init(steps))),
            .init("strategy", .string(item.strategy.name)),
            .init("trades", .number(.init(trades))),
            .init("type", .string("item")),
            .init("violatedProperties", .array(violatedProperties.map { .string($0.rawValue) })),
            .init("violations", .number(.init(violations))),
        ])
    }

    /// A finite Double as its shortest round-trip text (Swift's `description` is JSON number
    /// syntax for finite values: `0.0`, `0.125`, `1e-05`); a drawdown is never anything else,
    /// and a non-finite one is written as 0 rather than as invalid JSON.
    static func number(_ value: Double) -> StateJSON.Number {
        guard value.isFinite, let number = StateJSON.Number(value.description) else { return StateJSON.Number(0) }
        return number
    }
}
