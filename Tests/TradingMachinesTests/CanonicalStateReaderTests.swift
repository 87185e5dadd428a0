import Testing
@testable import TradingMachines
import TradingVocabulary

/// The state files' fast reader (`StateStore.decodeCanonical`) never disagrees with the general
/// one (`decodeGeneral`): it reads every file `encode` writes for a consistent snapshot, and on
/// any other bytes it gives up or reads what the general reader reads.
@Suite struct CanonicalStateReaderTests {
    let superStore = SuperStateStore(path: "test")
    let modeStore = TradingModeStore(path: "test")

    /// The fast reader's verdict on `bytes` is the general reader's, or it gave up. Returns
    /// whether it read them.
    @discardableResult
    func agree<Snapshot: PersistableSnapshot>(_ bytes: [UInt8], _ store: StateStore<Snapshot>) -> Bool {
        guard let fast = StateStore<Snapshot>.decodeCanonical(bytes) else { return false }
        let general = Result { () throws(PersistenceError) in try store.decodeGeneral(bytes) }
        #expect(general == .success(fast), "fast read \(fast) from \(String(decoding: bytes, as: UTF8.self))")
        return true
    }

    @Test func everyWrittenConsistentSnapshotIsReadByTheFastPath() {
        var random = SeededGenerator(seed: 11)
        let supers = Snapshots.superStates(steps: 300, random: &random) + Snapshots.handMadeSuperStates(random: &random)
        let modes = Snapshots.tradingModes(steps: 300, random: &random) + Snapshots.handMadeTradingModes(random: &random)
        var (read, inconsistent) = (0, 0)
        for snapshot in supers {
            let bytes = superStore.encode(snapshot)
            #expect(agree(bytes, superStore) == snapshot.violations().isEmpty)
            if snapshot.violations().isEmpty { read += 1 } else { inconsistent += 1 }
        }
        for snapshot in modes {
            let bytes = modeStore.encode(snapshot)
            #expect(agree(bytes, modeStore) == snapshot.violations().isEmpty)
            if snapshot.violations().isEmpty { read += 1 } else { inconsistent += 1 }
        }
        // Both kinds were met: consistent files read fast, inconsistent ones left to the general reader.
        #expect(read > 300 && inconsistent > 50, "\(read) read, \(inconsistent) inconsistent")
    }

    /// Byte-level damage to written files (flips, deletions, insertions of the bytes that make
    /// near misses: spaces, digits, signs, dots, exponents, quotes, escapes, commas): the fast
    /// reader gives up or agrees.
    @Test func damagedFilesAreReadAlikeOrLeftToTheGeneralReader() {
        var random = SeededGenerator(seed: 12)
        let files =
            Snapshots.superStates(steps: 60, random: &random).map { superStore.encode($0) }
            + Snapshots.tradingModes(steps: 60, random: &random).map { modeStore.encode($0) }
        let inserts = Array(" 0123456789-+.eE\"\\,:{}[]ntfu".utf8)
        var (generalReads, mutants) = (0, 0)
        for file in files {
            for _ in 0..<40 {
                var bytes = file
                let at = Int.random(in: bytes.indices, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
                case 1: bytes.remove(at: at)
                default: bytes.insert(inserts.randomElement(using: &random) ?? 0x20, at: at)
                }
                mutants += 1
                agree(bytes, superStore)
                agree(bytes, modeStore)
                if (try? superStore.decodeGeneral(bytes)) != nil || (try? modeStore.decodeGeneral(bytes)) != nil { generalReads += 1 }
            }
        }
        // Some damage leaves a file the general reader accepts (a space, another state that still
        // chains): there the fast reader had to give up or agree.
        #expect(mutants == files.count * 40 && generalReads > 0, "\(generalReads) of \(mutants) damaged files still read")
    }

    /// Structural rewrites that keep the JSON valid (JSONMutations): reordered, extra or
    /// missing members, values of other types.
    @Test func rewrittenFilesAreReadAlikeOrLeftToTheGeneralReader() throws {
        var random = SeededGenerator(seed: 13)
        var (fastReads, rewrites) = (0, 0)
        for snapshot in Snapshots.superStates(steps: 40, random: &random) {
            let tree = try StateJSON(parsing: superStore.encode(snapshot))
            for _ in 0..<30 {
                rewrites += 1
                if agree(JSONMutations.mutate(tree, random: &random).encoded, superStore) { fastReads += 1 }
            }
        }
        for snapshot in Snapshots.tradingModes(steps: 40, random: &random) {
            let tree = try StateJSON(parsing: modeStore.encode(snapshot))
            for _ in 0..<30 {
                rewrites += 1
                if agree(JSONMutations.mutate(tree, random: &random).encoded, modeStore) { fastReads += 1 }
            }
        }
        // The fast reader read some rewrites, so `agree` compared it with the general reader.
        #expect(fastReads > 0, "the fast reader read none of \(rewrites) rewritten files: nothing was compared")
    }

    /// Integers at and past `Int`'s ends, and the spellings `String(Int)` never writes.
    @Test func confirmationsAtTheEndsOfIntAndNearMisses() {
        let history = #"[]"#
        func file(_ confirmations: String) -> [UInt8] {
            Array(
                #"{"format":"stresscheck.super-state","snapshot":{"confirmations":\#(confirmations),"history":\#(history),"state":"normal"},"version":1}"#
                    .utf8)
        }
        /// The integer `text` reads as, when a `}` follows it and nothing else.
        func integer(_ text: String) -> Int? {
            Array((text + "}").utf8).withUnsafeBufferPointer { buffer in
                var reader = CanonicalStateReader(buffer)
                guard let value = reader.integer(), reader.literal("}"), reader.isAtEnd else { return nil }
                return value
            }
        }
        for value in [0, 1, -1, 9, 10, Int.max, Int.max - 1, Int.min, Int.min + 1] { #expect(integer(String(value)) == value, "\(value)") }
        #expect(SuperStateStore.decodeCanonical(file("0"))?.confirmations == 0)
        for text in ["-0", "01", "-01", "1.0", "1e0", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "+1", "-", ""] {
            #expect(integer(text) == nil, "\(text)")
            #expect(SuperStateStore.decodeCanonical(file(text)) == nil, "\(text)")
        }
    }
}
