import Certification
import Testing

/// Seeded random damage to a valid journal — bytes changed, inserted, removed, the file cut —
/// always gives a replay or a typed error, never a trap, and what it reports lies inside the
/// input. (The libFuzzer target `fuzz-journal` goes further; this runs with every `swift test`.)
@Suite struct JournalMutationTests {
    /// SplitMix64: a small deterministic generator.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test func damagedJournalsGiveTypedResultsInsideTheInput() throws {
        let original = try JournalFixture.journalBytes()
        var random = Random(state: 13)
        var outcomes = (clean: 0, torn: 0, corrupted: 0, other: 0)
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<(1 + random.next(3)) {
                switch random.next(4) {
                case 0: bytes[random.next(bytes.count)] = UInt8(random.next(256))
                case 1: bytes.insert(UInt8(random.next(256)), at: random.next(bytes.count + 1))
                case 2: if !bytes.isEmpty { bytes.remove(at: random.next(bytes.count)) }
                default: bytes = Array(bytes.prefix(random.next(bytes.count + 1)))
                }
            }
            do {
                let replay = try JournalReader.replay(bytes)
                #expect(replay.validLength <= bytes.count)
                #expect(replay.transactions == Array(JournalFixture.transactions.prefix(replay.recordCount)))
                switch replay.end {
                case .clean:
                    outcomes.clean += 1
                    #expect(replay.validLength == bytes.count)
                case .tornTail(let tail):
                    outcomes.torn += 1
                    #expect(tail.offset == replay.validLength && tail.offset + tail.length == bytes.count)
                }
            } catch {
                if case .corrupted(let corruption) = error {
                    outcomes.corrupted += 1
                    #expect(corruption.offset >= JournalFormat.fileHeaderSize && corruption.offset < bytes.count)
                    let before = try JournalReader.replay(Array(bytes.prefix(corruption.offset)))
                    #expect(before.end == .clean && UInt64(before.recordCount) == corruption.sequence - 1)
                } else {
                    outcomes.other += 1
                }
            }
        }
        #expect(outcomes.clean > 0 && outcomes.torn > 0 && outcomes.corrupted > 0 && outcomes.other > 0, "\(outcomes)")
    }
}
