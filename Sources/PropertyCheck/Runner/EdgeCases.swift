/// Edge cases: before any random case, the boundary values of each draw, alone and in pairs.
///
/// Random generation reaches a range's ends only now and then; off-by-one bugs live there. So a
/// check first runs cases in which one draw takes an extreme (its largest choice, 1, or one
/// below the largest) while every other draw takes its simplest value, then cases in which two
/// draws do. The cases are written as bytes and decoded like a corpus file: a boundary case
/// replays, shrinks and saves like any other, and generators need nothing of their own.
///
/// How the bytes are made, from the stream's layout (`docs/internals.md`): the simplest case
/// decodes with every choice's span recorded; writing `0xFF…` over one choice makes it read as
/// its bound (a replayed value above the bound reads as the bound), and the decoded record then
/// holds the bound itself, from which "1" and "bound − 1" are written. Draws that appear only
/// because of an edit (the element after a "more?" flag set to 1) are candidates of the second
/// round, so a pair reaches `[Int.max]` as well as `(0, Int.max)`.
struct EdgeCases {
    /// The cases to run, in order: every single-draw boundary of the simplest case, then pairs.
    private(set) var cases: [[UInt8]] = []

    /// Works out at most `budget` distinct edge cases for `runner`'s generator. The decoded keys
    /// of the cases already covered (the simplest case) are skipped, so is any duplicate.
    init<Value>(runner: Runner<Value>, budget: Int) {
        guard budget > 0, let simplest = runner.decode([]) else { return }
        var seen: Set<[UInt8]> = [simplest.key]
        var firstRound: [(decoded: DecodedCase, editEnd: Int)] = []
        for choice in simplest.spans where choice.isChoice {
            for edited in EdgeCases.edits(of: choice, in: simplest.bytes, runner: runner) {
                guard cases.count < budget else { return }
                guard seen.insert(edited.key).inserted else { continue }
                cases.append(edited.bytes)
                firstRound.append((edited, Int(choice.end)))
            }
        }
        for (base, editEnd) in firstRound {
            for choice in base.spans where choice.isChoice && Int(choice.start) >= editEnd {
                for edited in EdgeCases.edits(of: choice, in: base.bytes, runner: runner) {
                    guard cases.count < budget else { return }
                    guard seen.insert(edited.key).inserted else { continue }
                    cases.append(edited.bytes)
                }
            }
        }
    }

    /// `bytes` with `choice` at its bound, at 1 and at its bound − 1 (each that is distinct and
    /// decodes), as decoded cases.
    private static func edits<Value>(of choice: Span, in bytes: [UInt8], runner: Runner<Value>) -> [DecodedCase] {
        let range = choice.range
        var highest = bytes
        for index in range { highest[index] = 0xFF }
        guard let atBound = runner.decode(highest), atBound.bytes.count >= range.upperBound else { return [] }
        let bound = range.reduce(UInt64(0)) { $0 << 8 | UInt64(atBound.bytes[$1]) }
        var results = [atBound]
        for value in [1, bound &- 1] where value >= 1 && value < bound && (value != bound &- 1 || bound > 2) {
            var edited = bytes
            var remaining = value
            for index in range.reversed() {
                edited[index] = UInt8(truncatingIfNeeded: remaining)
                remaining >>= 8
            }
            if let decoded = runner.decode(edited) { results.append(decoded) }
        }
        return results
    }
}

extension CheckConfiguration {
    /// The edge cases a check runs: ``edgeCases`` if set, else a quarter of ``cases`` and at most 64.
    var edgeCaseBudget: Int {
        max(0, edgeCases ?? min(64, cases / 4))
    }
}
