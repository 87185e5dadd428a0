import Foundation
import Testing
import TradingMachines
import TradingVocabulary

/// The state files are byte for byte what Foundation's `JSONEncoder` wrote, and files written by
/// Foundation load to the same snapshots.
@Suite struct StateFileFormatTests {
    let superStore = SuperStateStore(path: "format-test/super-state.json")
    let modeStore = TradingModeStore(path: "format-test/trading-mode.json")

    /// Same bytes as Foundation; Foundation's bytes decode to the snapshot (or, for an
    /// inconsistent one, to the same `inconsistent: …` error as before).
    func checkSameFile<Snapshot: PersistableSnapshot & Codable>(_ snapshot: Snapshot, _ store: StateStore<Snapshot>) throws {
        let foundation = try FoundationStateFile.encode(snapshot)
        let ours = store.encode(snapshot)
        #expect(ours == foundation, "\(String(decoding: ours, as: UTF8.self))\n≠ Foundation's\n\(String(decoding: foundation, as: UTF8.self))")
        let expected = DecodeOutcome(FoundationStateFile.decode(foundation, as: Snapshot.self))
        #expect(DecodeOutcome(store.result(foundation)) == expected)
        if snapshot.violations().isEmpty { #expect(expected == .loaded(snapshot)) }
    }

    @Test func superStatesFromRandomInputsAreWrittenAsFoundationWroteThem() throws {
        var random = SeededGenerator(seed: 1)
        var checked = 0
        for run in 0..<60 {
            let snapshots = Snapshots.superStates(steps: run * 3, random: &random)
            // Every snapshot of short runs, a sample of the long ones.
            for snapshot in snapshots.enumerated().filter({ run < 10 || $0.offset % 17 == 0 || $0.offset == snapshots.count - 1 }).map(\.element) {
                try checkSameFile(snapshot, superStore)
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test func tradingModesFromRandomInputsAreWrittenAsFoundationWroteThem() throws {
        var random = SeededGenerator(seed: 2)
        for run in 0..<60 {
            let snapshots = Snapshots.tradingModes(steps: run * 3, random: &random)
            for snapshot in snapshots.enumerated().filter({ run < 10 || $0.offset % 17 == 0 || $0.offset == snapshots.count - 1 }).map(\.element) {
                try checkSameFile(snapshot, modeStore)
            }
        }
    }

    @Test func handMadeSnapshotsOfEveryStateAndCause() throws {
        var random = SeededGenerator(seed: 3)
        let superStates = Snapshots.handMadeSuperStates(random: &random)
        #expect(superStates.contains { $0.lastClassification == nil && $0.history.isEmpty })
        #expect(superStates.contains { $0.violations().isEmpty && $0.history.count == 3 })
        for snapshot in superStates { try checkSameFile(snapshot, superStore) }
        for snapshot in Snapshots.handMadeTradingModes(random: &random) { try checkSameFile(snapshot, modeStore) }
    }

    @Test func theShapeOfTheFile() {
        let snapshot = SuperStateSnapshot(
            state: .crisis, confirmations: 0, lastClassification: .crisis,
            history: [
                SuperStateTransition(from: .normal, to: .crisis, cause: .update(.crisis)),
                SuperStateTransition(from: .crisis, to: .emergencyHalt, cause: .halt),
            ])
        #expect(
            String(decoding: superStore.encode(snapshot), as: UTF8.self)
                == #"{"format":"stresscheck.super-state","snapshot":{"confirmations":0,"history":[{"cause":{"update":{"_0":"crisis"}},"from":"normal","to":"crisis"},{"cause":{"halt":{}},"from":"crisis","to":"emergencyHalt"}],"lastClassification":"crisis","state":"crisis"},"version":1}"#
        )
        #expect(
            String(decoding: modeStore.encode(.initial), as: UTF8.self)
                == #"{"format":"stresscheck.trading-mode","snapshot":{"history":[],"isHalted":false,"state":"off"},"version":1}"#)
    }

    /// The writer escapes strings and orders keys as Foundation does (the snapshots only hold
    /// plain ASCII; this covers the rest of what a `StateJSON` can hold).
    @Test func valuesWithAnyStringAreWrittenAsFoundationWritesThem() throws {
        var random = SeededGenerator(seed: 4)
        let alphabet: [Character] = [
            "a", "Z", "0", "_", "/", "\\", "\"", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}",
            "\u{7F}", "é", "\u{2028}", "😀", "ｚ", " ",
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for _ in 0..<500 {
            func text() -> String { String((0..<Int.random(in: 0...6, using: &random)).compactMap { _ in alphabet.randomElement(using: &random) }) }
            var dictionary: [String: [String]] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) { dictionary[text()] = (0..<Int.random(in: 0...2, using: &random)).map { _ in text() } }
            let members = dictionary.map { StateJSON.Member($0.key, .array($0.value.map(StateJSON.string))) }
            let json = StateJSON.object(members)
            let foundation = [UInt8](try encoder.encode(dictionary))
            #expect(json.encoded == foundation, "\(dictionary)")
            // And the parser reads Foundation's bytes back to the same value, members in order.
            #expect(try StateJSON(parsing: foundation) == .object(members.sorted { $0.key < $1.key }))
        }
        for value in [0, 1, -1, 42, Int.max, Int.min] {
            #expect(StateJSON.number(StateJSON.Number(value)).encoded == [UInt8](try encoder.encode(value)))
        }
    }
}
