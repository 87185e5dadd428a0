import MarketSim
import StressRun
import Testing

/// The shard file's reader: exact round trips, and a typed error with its line for any other bytes.
@Suite struct ShardFileTests {
    static let file: ShardFile = {
        let items = BatchRunner(parallel: 2).runBlocking(smallPlan, shard: BatchShard.whole)
        return ShardFile(header: ShardHeader(plan: smallPlan, codeVersion: "abc123", shard: .whole), items: items)
    }()

    @Test func aFileReadsBackExactly() throws {
        let bytes = Self.file.encoded
        let read = try ShardFile(parsing: bytes)
        #expect(read == Self.file)
        #expect(read.encoded == bytes)
        let lines = bytes.split(separator: 0x0A)
        #expect(lines.count == 14)
        #expect(
            String(decoding: lines[0], as: UTF8.self).hasPrefix(
                #"{"campaignSeed":"0x0000000000c0ffee","codeVersion":"abc123","format":"stresscheck-shard","formatVersion":1,"itemCount":12,"#))
        #expect(String(decoding: lines[13], as: UTF8.self).hasPrefix(#"{"digest":"0x"#))
    }

    @Test func aFileCutAnywhereIsDetected() {
        let bytes = Self.file.encoded
        for length in 0..<bytes.count {
            do {
                _ = try ShardFile(parsing: Array(bytes[..<length]))
                Issue.record("a file cut to \(length) of \(bytes.count) bytes was read")
            } catch {
                #expect([.empty, .truncated, .syntax].contains(error.kind), "cut at \(length): \(error)")
            }
        }
    }

    @Test func anEditedItemIsDetected() throws {
        var text = String(decoding: Self.file.encoded, as: UTF8.self)
        let range = try #require(text.range(of: #""emergencyStops":"#))
        text.replaceSubrange(range, with: #""emergencyStops":1"#)
        #expect(throws: ShardFileError.self) { try ShardFile(parsing: Array(text.utf8)) }
        do { _ = try ShardFile(parsing: Array(text.utf8)) } catch {
            #expect(error.kind == .footerMismatch)
            #expect(error.line == 14)
        }
        // An item moved to another place is not the item the plan puts there.
        var lines = Self.file.encoded.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        lines.swapAt(1, 2)
        do { _ = try ShardFile(parsing: Array(lines.joined(separator: [0x0A]))) } catch {
            #expect(error.kind == .unexpectedItem && error.line == 2, "\(error)")
        }
    }

    @Test func badHeadersAreTypedErrors() {
        func error(_ text: String) -> ShardFileError? {
            do {
                _ = try ShardFile(parsing: Array(text.utf8))
                return nil
            } catch { return error }
        }
        #expect(error("hello\n")?.kind == .syntax)
        #expect(error("{}\n")?.kind == .unsupportedFormat)
        let header = String(decoding: Self.file.encoded.split(separator: 0x0A)[0], as: UTF8.self)
        #expect(
            error(header.replacingOccurrences(of: "liquidity-drain", with: "atlantis") + "\n")?.description
                == "line 1: unknown scenario 'atlantis' (known: " + ScenarioLibrary.all.map(\.name).joined(separator: ", ") + ")")
        #expect(error(header.replacingOccurrences(of: #""shardIndex":0"#, with: #""shardIndex":1"#) + "\n")?.kind == .plan)
        #expect(error(header.replacingOccurrences(of: #""formatVersion":1"#, with: #""formatVersion":2"#) + "\n")?.kind == .unsupportedFormat)
        #expect(error(header + "\n")?.kind == .truncated)
        // Counts as large as a file can write: typed errors, no overflow.
        #expect(error(header.replacingOccurrences(of: #""shardCount":1"#, with: #""shardCount":9223372036854775807"#) + "\n")?.kind == .field)
        #expect(error(header.replacingOccurrences(of: #""seeds":3"#, with: #""seeds":9223372036854775807"#) + "\n")?.kind == .plan)
    }

    /// Random and mutated bytes: the reader never traps, and every error names a line of the input.
    @Test func arbitraryBytesGiveTypedErrors() {
        var random = SeededChoices(seed: 12)
        let valid = Self.file.encoded
        for round in 0..<3_000 {
            var bytes = valid
            if round % 3 == 0 {
                bytes = (0..<Int(random.choose(upTo: 300))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                for _ in 0...Int(random.choose(upTo: 4)) where !bytes.isEmpty {
                    let position = Int(random.choose(upTo: UInt64(bytes.count - 1)))
                    switch random.choose(upTo: 3) {
                    case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                    case 1: bytes.remove(at: position)
                    case 2: bytes.insert(UInt8(ascii: "\n"), at: position)
                    default: bytes.insert(contentsOf: "9223372036854775807".utf8, at: position)  // the largest Int, anywhere
                    }
                }
            }
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            do {
                let file = try ShardFile(parsing: bytes)
                #expect(file.items.count == file.header.shardItemCount)
            } catch {
                #expect(error.line.map { $0 >= 1 && $0 <= lines + 1 } ?? true, "\(error) in \(lines) lines")
            }
        }
    }

    @Test func mergeRefusesShardsThatDoNotMakeOneBatch() throws {
        func shard(_ index: Int, of count: Int, plan: BatchPlan = smallPlan, version: String = "v") throws -> ShardFile {
            let shard = try BatchShard(index: index, count: count)
            let items = Self.file.items.filter { shard.contains($0.item.number) }
            return ShardFile(header: ShardHeader(plan: plan, codeVersion: version, shard: shard), items: plan == smallPlan ? items : [])
        }
        func kind(_ files: [ShardFile]) -> ShardMergeError.Kind? {
            do {
                _ = try ShardMerge.merge(files.enumerated().map { ("f\($0.offset)", $0.element) })
                return nil
            } catch { return error.kind }
        }
        let other = try BatchPlan(scenarios: smallPlan.scenarios, strategies: smallPlan.strategies, seeds: 3, campaignSeed: 1)
        #expect(kind([]) == .noFiles)
        #expect(kind([try shard(0, of: 2), try shard(1, of: 2, version: "w")]) == .differentCampaigns)
        #expect(kind([try shard(0, of: 2), try shard(1, of: 2, plan: other)]) == .differentCampaigns)
        #expect(kind([try shard(0, of: 2), try shard(1, of: 3)]) == .shardCountMismatch)
        #expect(kind([try shard(0, of: 2), try shard(0, of: 2)]) == .duplicateShard)
        #expect(kind([try shard(0, of: 3), try shard(2, of: 3)]) == .missingShards)
        // A count read from a file sizes nothing: four billion shards, one given, is an error at once.
        #expect(kind([try shard(0, of: 4_000_000_000)]) == .missingShards)
        #expect(kind([try shard(1, of: 2), try shard(0, of: 2)]) == nil)
    }
}
