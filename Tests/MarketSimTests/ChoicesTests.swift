import MarketSim
import Testing

@Suite struct ChoicesTests {
    @Test func zeroChoicesAreCalm() {
        var calm = CalmChoices()
        let shock = calm.normalShock()
        let fraction = calm.fraction()
        let rare = calm.happens(probability: 0.999)
        let certain = calm.happens(probability: 1)
        let t = calm.shock(from: .studentT(degreesOfFreedom: 4))
        #expect(shock == 0 && fraction == 0 && t == 0)
        #expect(!rare && certain)
    }

    @Test func shocksGrowWithTheChoice() {
        let table = ShockTable.normal
        var previous = 0.0
        for u in stride(from: 0, through: 0xFFFF, by: 2) {
            let magnitude = abs(table.shock(UInt16(u)))
            #expect(magnitude >= previous)
            #expect(abs(table.shock(UInt16(u + 1))) == magnitude)
            previous = magnitude
        }
        #expect(table.maximum > 4.2 && table.maximum < 4.5)
    }

    @Test func seededChoicesRepeat() {
        var a = SeededChoices(seed: 7)
        var b = SeededChoices(seed: 7)
        var c = SeededChoices(seed: 8)
        let x = (0..<100).map { _ in a.choose(upTo: 1000) }
        #expect(x == (0..<100).map { _ in b.choose(upTo: 1000) })
        #expect(x != (0..<100).map { _ in c.choose(upTo: 1000) })
        #expect(x.allSatisfy { $0 <= 1000 })
    }

    @Test func recordedRunReplays() {
        var recording = RecordingChoices(SeededChoices(seed: 3))
        let first = (0..<50).map { _ in recording.normalShock() }
        var replay = ReplayedChoices(recording.choices)
        let second = (0..<50).map { _ in replay.normalShock() }
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
        #expect(!replay.ranPastEnd)
        let past = replay.normalShock()
        #expect(past == 0 && replay.ranPastEnd)
    }

    @Test func happensMatchesItsProbability() {
        var choices = SeededChoices(seed: 11)
        let n = 200_000
        let hits = (0..<n).filter { _ in choices.happens(probability: 0.1) }.count
        #expect(abs(Double(hits) / Double(n) - 0.1) < 0.005)
    }

    /// The table is scaled to unit variance by its own cells, so compare shapes: the quantile of
    /// magnitude `m` divided by the upper quartile's (magnitude 16383), against scipy's
    /// `t.ppf(p_m, ν) / t.ppf(p_16383, ν)` with `p_m = ½ + (m + ½)/65536`.
    @Test(arguments: [
        (5.0, 31000, 3.4518245492914112), (3.0, 32000, 5.596390754417356),
        (10.0, 32500, 4.700041474170449), (4.0, 32760, 17.002025863965546),
    ])
    func studentQuantilesMatchTables(nu: Double, magnitude: Int, expected: Double) {
        let table = ShockTable.studentT(degreesOfFreedom: nu)
        let ratio = table.shock(UInt16(magnitude * 2)) / table.shock(16383 * 2)
        #expect(abs(ratio / expected - 1) < 1e-6, "t(\(nu)) quantile ratio at magnitude \(magnitude): \(ratio)")
    }
}
