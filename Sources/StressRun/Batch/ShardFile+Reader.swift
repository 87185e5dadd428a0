import TradingMachines

extension ShardFile {
    /// Reads a shard file, strictly: the header, then exactly the items the header's plan puts
    /// in its shard, in order, then the footer, each line ending with a newline.
    ///
    /// Any bytes give either a file whose every item is the one its plan says, or a
    /// ``ShardFileError`` naming the line; the reader never traps (it is fuzzed by the tests
    /// with random and mutated files) and allocates in proportion to the input.
    ///
    /// - Throws: ``ShardFileError``.
    public init(parsing bytes: [UInt8]) throws(ShardFileError) {
        guard !bytes.isEmpty else { throw ShardFileError(.empty, line: nil, "the file is empty") }
        // Lines are found one at a time, not split up front: a slice per line of a file of
        // newlines would take 32 bytes for each byte read.
        var lines = LineCursor(bytes)
        guard let first = lines.next() else { throw ShardFileError(.empty, line: nil, "the file is empty") }
        let header = try Self.header(Array(first.text), complete: first.complete)
        let expected = header.shardItemCount
        var items: [BatchItemResult] = []
        items.reserveCapacity(min(expected, bytes.count / 64 + 1))
        var numbers = header.shard.items(of: header.plan.itemCount).makeIterator()
        let itemsStart = first.text.endIndex + 1
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            guard line.complete else {
                throw ShardFileError(.truncated, line: lineNumber, "the file ends in the middle of line \(lineNumber) (no newline): it was cut short")
            }
            let value: StateJSON
            do { value = try StateJSON(parsing: Array(line.text)) } catch {
                throw ShardFileError(.syntax, line: lineNumber, "not JSON: \(error)")
            }
            let fields = try ShardLine(value, line: lineNumber)
            switch try fields.string("type") {
            case "item":
                guard let number = numbers.next() else {
                    throw ShardFileError(.unexpectedItem, line: lineNumber, "more items than the header's \(expected)")
                }
                items.append(try Self.item(fields, plan: header.plan, expected: number))
            case "footer":
                try Self.footer(fields, items: items.count, expected: expected, digest: Self.digest(bytes[itemsStart..<line.text.startIndex]))
                guard lines.next() == nil else {
                    throw ShardFileError(.unexpectedLine, line: lineNumber + 1, "a line after the footer")
                }
                self.init(header: header, items: items)
                return
            case let other:
                throw ShardFileError(.unexpectedLine, line: lineNumber, "unknown line type \(other.debugDescription)")
            }
        }
        throw ShardFileError(
            .truncated, line: nil,
            "no footer after \(items.count) of \(expected) items (line \(lineNumber) is the last): the file was cut short")
    }

    /// The lines of a file, one at a time: each line's bytes without its newline, and whether a
    /// newline ended it (only the last line can lack one). A final newline ends the last line; it
    /// does not begin an empty one.
    struct LineCursor {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> (text: ArraySlice<UInt8>, complete: Bool)? {
            guard position < bytes.count else { return nil }
            let start = position
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                position = bytes.count
                return (bytes[start...], false)
            }
            position = newline + 1
            return (bytes[start..<newline], true)
        }
    }

    /// The header on line 1.
    static func header(_ bytes: [UInt8], complete: Bool) throws(ShardFileError) -> ShardHeader {
        guard complete else { throw ShardFileError(.truncated, line: 1, "the file ends in the middle of its header: it was cut short") }
        let value: StateJSON
        do { value = try StateJSON(parsing: bytes) } catch { throw ShardFileError(.syntax, line: 1, "not JSON: \(error)") }
        let fields = try ShardLine(value, line: 1)
        guard (try? fields.string("type")) == "header", (try? fields.string("format")) == ShardFile.format else {
            throw ShardFileError(.unsupportedFormat, line: 1, "not a stresscheck shard file (the first line is not a \(ShardFile.format) header)")
        }
        let version = try fields.integer("formatVersion")
        guard version == ShardFile.formatVersion else {
            throw ShardFileError(.unsupportedFormat, line: 1, "format version \(version); this stresscheck reads version \(ShardFile.formatVersion)")
        }
        var strategies: [BatchStrategy] = []
        for name in try fields.strings("strategies") {
            guard let strategy = BatchStrategy.named(name) else {
                throw ShardFileError(.plan, line: 1, BatchError(.unknownStrategy(name)).description)
            }
            strategies.append(strategy)
        }
        let plan: BatchPlan
        let shard: BatchShard
        do {
            plan = try BatchPlan(
                scenarios: try fields.strings("scenarios"), strategies: strategies, seeds: try fields.integer("seeds", minimum: 1),
                campaignSeed: try fields.seed("campaignSeed"))
            shard = try BatchShard(index: try fields.integer("shardIndex"), count: try fields.integer("shardCount", minimum: 1))
        } catch let error as ShardFileError {
            throw error
        } catch {
            throw ShardFileError(.plan, line: 1, "\(error)")
        }
        let header = ShardHeader(
            plan: plan, codeVersion: try fields.string("codeVersion"),
            simulationVersion: try fields.integer("simulationVersion"), shard: shard)
        let itemCount = try fields.integer("itemCount")
        guard itemCount == plan.itemCount else {
            throw fields.fail("itemCount", "\(itemCount), but the plan has \(plan.itemCount) items")
        }
        let shardItemCount = try fields.integer("shardItemCount")
        guard shardItemCount == header.shardItemCount else {
            throw fields.fail("shardItemCount", "\(shardItemCount), but shard \(shard.index) of \(shard.count) has \(header.shardItemCount) items")
        }
        try fields.rejectUnknownKeys(besides: header.json)
        return header
    }

    /// An item line, which must be item `expected` of `plan`.
    static func item(_ fields: ShardLine, plan: BatchPlan, expected: Int) throws(ShardFileError) -> BatchItemResult {
        let number = try fields.integer("item")
        guard number == expected else {
            throw ShardFileError(.unexpectedItem, line: fields.line, "item \(number) where the shard's next item is \(expected)")
        }
        let item = plan.item(number)
        let scenario = try fields.string("scenario")
        let strategy = try fields.string("strategy")
        let seed = try fields.seed("seed")
        guard scenario == item.scenario, strategy == item.strategy.name, seed == item.seed else {
            throw ShardFileError(
                .unexpectedItem, line: fields.line,
                "item \(number) is \(scenario) / \(strategy) / seed \(BatchSeed.format(seed)), but the header's plan makes it "
                    + "\(item.scenario) / \(item.strategy.name) / seed \(BatchSeed.format(item.seed))")
        }
        let liveness: BatchLiveness
        let reasons = try fields.strings("livenessReasons")
        switch try fields.string("liveness") {
        case "held" where reasons.isEmpty: liveness = .held
        case "notApplicable" where reasons.isEmpty: liveness = .notApplicable
        case "failed" where !reasons.isEmpty: liveness = .failed(reasons)
        case let other: throw fields.fail("liveness", "\(other.debugDescription) with \(reasons.count) reasons")
        }
        var properties: [SafetyProperty] = []
        for name in try fields.strings("violatedProperties") {
            guard let property = SafetyProperty(rawValue: name), !properties.contains(property) else {
                throw fields.fail("violatedProperties", "unknown or repeated property \(name.debugDescription)")
            }
            properties.append(property)
        }
        let result = BatchItemResult(
            item: item, steps: try fields.integer("steps", maximum: ShardLine.maxCount), trades: try fields.integer("trades", maximum: ShardLine.maxCount),
            pnl: try fields.int64("pnl"),
            maxDrawdown: try fields.double("maxDrawdown"), emergencyStops: try fields.integer("emergencyStops", maximum: ShardLine.maxCount),
            executionFailures: try fields.integer("executionFailures", maximum: ShardLine.maxCount),
            violations: try fields.integer("violations", maximum: ShardLine.maxCount),
            violatedProperties: properties, liveness: liveness, error: try fields.optionalString("error"))
        guard try fields.bool("passed") == result.passed else {
            throw fields.fail("passed", "disagrees with the item's violations, liveness and error")
        }
        try fields.rejectUnknownKeys(besides: result.json)
        return result
    }

    /// The footer, which must count the items read and digest their lines.
    static func footer(_ fields: ShardLine, items: Int, expected: Int, digest: UInt64) throws(ShardFileError) {
        let count = try fields.integer("items")
        guard items == expected else {
            throw ShardFileError(.truncated, line: fields.line, "a footer after \(items) of the shard's \(expected) items")
        }
        guard count == items else {
            throw ShardFileError(.footerMismatch, line: fields.line, "the footer counts \(count) items; the file has \(items)")
        }
        let recorded = try fields.seed("digest")
        try fields.rejectUnknownKeys(besides: .object([.init("digest", .null), .init("items", .null), .init("type", .null)]))
        guard recorded == digest else {
            throw ShardFileError(
                .footerMismatch, line: fields.line,
                "the item lines' digest is \(BatchSeed.format(digest)), the footer says \(BatchSeed.format(recorded)): the file was altered")
        }
    }
}
