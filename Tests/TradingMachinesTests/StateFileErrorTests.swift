import Foundation
import Testing
import TradingMachines
import TradingVocabulary

/// `load()` gives the same kind of error as when Foundation decoded the files, with details
/// that say what is wrong and where.
@Suite struct StateFileErrorTests {
    let superStore = SuperStateStore(path: "errors-test/super-state.json")
    let modeStore = TradingModeStore(path: "errors-test/trading-mode.json")

    /// A "state file" that never ends (`/dev/zero`, a log put in its place) is refused past
    /// `maxStateFileBytes`, not read until memory runs out; the failure names the system's reason.
    @Test func aStateFileIsNotReadWithoutBound() {
        #expect(throws: FileSystemFailure(operation: "read", path: "/dev/zero", errno: EFBIG)) { try POSIXFileSystem().readFile(atPath: "/dev/zero") }
        #expect(FileSystemFailure(operation: "read", path: "/dev/zero", errno: EFBIG).description == "read(/dev/zero) failed: File too large (errno 27)")
        #expect(FileSystemFailure(operation: "open", path: "/x", errno: EACCES).description == "open(/x) failed: Permission denied (errno 13)")
    }

    func detail<Snapshot>(_ store: StateStore<Snapshot>, _ text: String) -> String? {
        guard case .failure(.corrupted(let detail)) = store.result(Array(text.utf8)) else { return nil }
        return detail
    }

    /// Valid JSON that says something else (a value replaced, a member removed or added, in any
    /// key order, whitespace and escaping): the old and the new decoder agree on every one.
    func checkAgreement<Snapshot: PersistableSnapshot & Codable>(_ store: StateStore<Snapshot>, _ snapshots: [Snapshot], seed: UInt64) throws -> [String: Int] {
        var random = SeededGenerator(seed: seed)
        var outcomes: [String: Int] = [:]
        for snapshot in snapshots {
            let file = try StateJSON(parsing: store.encode(snapshot))
            for round in 0..<12 {
                var json = file
                for _ in 0..<(round % 3) + (round == 0 ? 0 : 1) { json = JSONMutations.mutate(json, random: &random) }
                let bytes = JSONMutations.write(json, random: &random)
                let expected = DecodeOutcome(FoundationStateFile.decode(bytes, as: Snapshot.self))
                let actual = DecodeOutcome(store.result(bytes))
                #expect(actual == expected, "\(String(decoding: bytes, as: UTF8.self))")
                outcomes["\(expected)".split(separator: " ").first.map(String.init) ?? "", default: 0] += 1
            }
        }
        return outcomes
    }

    @Test func mutatedSuperStateFilesGiveTheErrorsFoundationGave() throws {
        var random = SeededGenerator(seed: 10)
        let snapshots = (0..<40).flatMap { run in Snapshots.superStates(steps: run, random: &random).suffix(2) }
        let outcomes = try checkAgreement(superStore, snapshots, seed: 11)
        // Every kind of outcome was exercised.
        for kind in ["loaded", "corrupted", "inconsistent:", "foreign", "unsupportedVersion"] { #expect(outcomes[kind, default: 0] >= 3, "\(outcomes)") }
    }

    @Test func mutatedTradingModeFilesGiveTheErrorsFoundationGave() throws {
        var random = SeededGenerator(seed: 12)
        let snapshots = (0..<40).flatMap { run in Snapshots.tradingModes(steps: run, random: &random).suffix(2) }
        let outcomes = try checkAgreement(modeStore, snapshots, seed: 13)
        for kind in ["loaded", "corrupted", "inconsistent:", "foreign", "unsupportedVersion"] { #expect(outcomes[kind, default: 0] >= 3, "\(outcomes)") }
    }

    /// Bytes cut, flipped, inserted: never a crash; whenever the new decoder accepts a file, or
    /// calls it foreign or of another version, Foundation said the same; whenever Foundation
    /// called it corrupted, so does the new one. They differ only where Foundation was lenient
    /// with bytes that are not JSON (see `foundationWasLenientHere`).
    @Test func damagedBytesAreNeverAcceptedWhenFoundationRejectedThem() throws {
        var random = SeededGenerator(seed: 14)
        let good = superStore.encode(Snapshots.superStates(steps: 40, random: &random).last ?? .initial)
        let pieces: [[UInt8]] = [
            Array(",".utf8), Array("}".utf8), Array("]".utf8), Array("\"".utf8), Array("\\".utf8), Array("\\u".utf8), [0],
            [0xFF], [0xC3], Array(" ".utf8), Array("1".utf8), Array("-".utf8), Array("e".utf8), Array("{".utf8), Array(":".utf8),
        ]
        var lenient = 0
        for _ in 0..<3_000 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes = Array(bytes.prefix(at))
                case 1: bytes[at] = UInt8.random(in: 0...255, using: &random)
                case 2: bytes.insert(contentsOf: pieces.randomElement(using: &random) ?? [], at: at)
                default: bytes.remove(at: at)
                }
                if bytes.isEmpty { break }
            }
            let expected = DecodeOutcome(FoundationStateFile.decode(bytes, as: SuperStateSnapshot.self))
            let actual = DecodeOutcome(superStore.result(bytes))
            if actual == expected { continue }
            guard actual == .corrupted, case .failure(.corrupted(let detail)) = superStore.result(bytes), Self.foundationWasLenientHere(detail) else {
                Issue.record("new \(actual), Foundation \(expected) for \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            lenient += 1
        }
        #expect(lenient < 600)
    }

    /// Where the new parser is strict and Foundation was not: raw control characters and
    /// invalid UTF-8 in strings it skipped, invalid escapes in strings it skipped, trailing
    /// commas, and a field given twice.
    static func foundationWasLenientHere(_ detail: String) -> Bool {
        ["control character", "invalid UTF-8", "invalid escape", "expected a key", "expected a value", "given twice"].contains { detail.contains($0) }
    }

    @Test func theHeaderIsJudgedFirstAsBefore() {
        // A bad snapshot in a file of another kind or version: foreign / unsupported, not corrupted.
        #expect(
            superStore.result(Array(#"{"snapshot":1,"format":"stresscheck.trading-mode","version":1}"#.utf8)) == .failure(.foreign("stresscheck.trading-mode")))
        #expect(superStore.result(Array(#"{"snapshot":1,"format":"stresscheck.super-state","version":2}"#.utf8)) == .failure(.unsupportedVersion(2)))
        #expect(superStore.result(Array(#"{"format":"stresscheck.super-state"}"#.utf8)) == .failure(.unsupportedVersion(-1)))
        #expect(superStore.result(Array(#"{"format":null,"version":null}"#.utf8)) == .failure(.foreign(nil)))
        #expect(
            superStore.result(Array(#"{"format":"stresscheck.super-state","version":1.0,"snapshot":{"state":"normal","confirmations":0,"history":[]}}"#.utf8))
                == .success(.initial))
        // …but a header of the wrong type, or bad JSON anywhere, is corruption before anything.
        #expect(detail(superStore, #"{"format":1,"version":1}"#) == "format: expected a string, found a number")
        #expect(detail(superStore, #"{"format":"other","version":"1"}"#) == "version: expected an integer, found a string")
        #expect(detail(superStore, #"{"format":"other","version":1.5}"#) == "version: expected an integer that fits Int, found 1.5")
        #expect(detail(superStore, #"{"format":"other","version":1,"x":[}"#) == "not a JSON object: unexpected character '}' at offset 35 (expected a value)")
        #expect(detail(superStore, "[]") == "not a JSON object: found an array")
        #expect(detail(superStore, "\"x\"") == "not a JSON object: found a string")
        #expect(detail(superStore, "") == "not a JSON object: empty input")
        #expect(detail(superStore, " \n") == "not a JSON object: no value at offset 2")
    }

    @Test func detailsSayWhatAndWhere() {
        func superState(_ snapshot: String) -> String? {
            detail(superStore, #"{"format":"stresscheck.super-state","version":1,"snapshot":"# + snapshot + "}")
        }
        let step = #"{"from":"normal","to":"cautious","cause":{"update":{"_0":"cautious"}}}"#
        let back = #"{"from":"cautious","to":"normal","cause":{"update":{"_0":"normal"}}}"#
        #expect(
            superState(#"{"state":"normal","confirmations":0,"history":[\#(step),\#(back),\#(step),{"from":"cautious","to":"normal","cause":{"foo":{}}}]}"#)
                == #"snapshot.history[3].cause: unknown value "foo""#)
        #expect(
            superState(#"{"state":"normal","confirmations":0,"history":[{"from":"normal","to":"cautious","cause":{"update":{}}}]}"#)
                == "snapshot.history[0].cause.update._0: missing")
        #expect(
            superState(#"{"state":"normal","confirmations":0,"history":[{"from":"panic","to":"cautious","cause":{"halt":{}}}]}"#)
                == #"snapshot.history[0].from: unknown value "panic""#)
        #expect(
            superState(#"{"state":"normal","confirmations":0,"history":[{"from":"normal","to":"cautious","cause":{"halt":{},"resume":{}}}]}"#)
                == #"snapshot.history[0].cause: expected exactly one of "update", "halt", "resume", found "halt", "resume""#)
        #expect(
            superState(#"{"state":"normal","confirmations":0,"history":[{"from":"normal","to":"cautious","cause":{"halt":{},"halt":{}}}]}"#)
                == "snapshot.history[0].cause.halt: given twice")
        #expect(
            superState(#"{"state":"normal","confirmations":0,"history":[{"from":"normal","to":"cautious","cause":{"a":{},"b":{}}}]}"#)
                == #"snapshot.history[0].cause: expected exactly one of "update", "halt", "resume", found none"#)
        #expect(
            superState(#"{"state":"normal","confirmations":0,"history":[{"from":"normal","to":"cautious","cause":{"halt":null}}]}"#)
                == "snapshot.history[0].cause.halt: expected an object, found null")
        #expect(superState(#"{"confirmations":0,"history":[]}"#) == "snapshot.state: missing")
        #expect(superState(#"{"state":null,"confirmations":0,"history":[]}"#) == "snapshot.state: expected a string, found null")
        #expect(superState(#"{"state":"normal","confirmations":0.5,"history":[]}"#) == "snapshot.confirmations: expected an integer that fits Int, found 0.5")
        #expect(
            superState(#"{"state":"normal","confirmations":9223372036854775808,"history":[]}"#)
                == "snapshot.confirmations: expected an integer that fits Int, found 9223372036854775808")
        #expect(superState(#"{"state":"normal","confirmations":0,"history":{}}"#) == "snapshot.history: expected an array, found an object")
        #expect(superState(#"{"state":"normal","state":"normal","confirmations":0,"history":[]}"#) == "snapshot.state: given twice")
        #expect(
            superState(#"{"state":"normal","confirmations":0,"lastClassification":"x","history":[]}"#) == #"snapshot.lastClassification: unknown value "x""#)
        #expect(superState(#"{"state":"normal","confirmations":1,"history":[]}"#) == "inconsistent: confirmations.inRange")
        #expect(superState("[]") == "snapshot: expected an object, found an array")
        #expect(detail(superStore, #"{"format":"stresscheck.super-state","version":1}"#) == "snapshot: missing")
        #expect(
            detail(modeStore, #"{"format":"stresscheck.trading-mode","version":1,"snapshot":{"state":"off","isHalted":1,"history":[]}}"#)
                == "snapshot.isHalted: expected a boolean, found a number")
        #expect(
            detail(
                modeStore,
                #"{"format":"stresscheck.trading-mode","version":1,"snapshot":{"state":"off","isHalted":false,"history":[{"from":"off","to":"dryRun","cause":"boot"}]}}"#
            )
                == #"snapshot.history[0].cause: unknown value "boot""#)
    }

    /// The fuzz target's seeds (corpus/state-file/) are what their names say: `super-state-*`
    /// and `trading-mode-*` load, `broken-*` do not, and Foundation judged each the same way,
    /// except the trailing comma it tolerated.
    @Test func fuzzSeedsAreWhatTheirNamesSay() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus/state-file")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.count >= 8)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            let superState = superStore.result(bytes)
            let tradingMode = modeStore.result(bytes)
            if case .success = superState { #expect(name.hasPrefix("super-state-"), "\(name)") }
            if case .success = tradingMode { #expect(name.hasPrefix("trading-mode-"), "\(name)") }
            if name.hasPrefix("broken-") {
                #expect(!superState.isSuccess && !tradingMode.isSuccess, "\(name)")
            } else {
                #expect(superState.isSuccess || tradingMode.isSuccess, "\(name)")
            }
            guard name != "broken-trailing-comma" else { continue }
            #expect(DecodeOutcome(superState) == DecodeOutcome(FoundationStateFile.decode(bytes, as: SuperStateSnapshot.self)), "\(name)")
            #expect(DecodeOutcome(tradingMode) == DecodeOutcome(FoundationStateFile.decode(bytes, as: TradingModeSnapshot.self)), "\(name)")
        }
    }
}

extension LoadResult {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
