import MarketSim
import Testing

/// `happens(probability:)` honours every probability, also those below one 16-bit step (2⁻¹⁶):
/// until this fix any probability under 1/65536 never happened and the others were rounded down to
/// a multiple of it (a Merton jump of λ = 100 a year on one-second bars, λΔt = 3.2·10⁻⁶, never
/// happened).
@Suite struct HappensTests {
    /// p = 10⁻⁵: x = 65536·(1 − p) = 65535.34464, so only u = 65535 can be an event, decided by a
    /// second choice v ≥ ⌈2³²·0.34464⌉.
    @Test func theBoundaryCellIsDecidedByASecondChoice() {
        let p = 1e-5
        let x = 65536 * (1 - p)
        let threshold = UInt64((4_294_967_296 * (x - x.rounded(.down))).rounded(.up))
        var event = ReplayedChoices([65535, threshold])
        let happened = event.happens(probability: p)
        #expect(happened && event.position == 2)
        var justBelow = ReplayedChoices([65535, threshold - 1])
        let belowHappened = justBelow.happens(probability: p)
        #expect(!belowHappened)
        var otherCell = ReplayedChoices([65534, 0xFFFF_FFFF])
        let otherHappened = otherCell.happens(probability: p)
        #expect(!otherHappened && otherCell.position == 1, "no second choice outside the boundary cell")
    }

    @Test func zeroIsCalmEvenForAnAlmostCertainEvent() {
        var calm = CalmChoices()
        let calmHappened = calm.happens(probability: 1 - 1e-6)
        #expect(!calmHappened)
        var one = ReplayedChoices([1])
        let oneHappened = one.happens(probability: 1 - 1e-6)
        #expect(oneHappened)
    }

    /// A probability that is a whole number of steps draws no second choice: 1/4 is u ≥ 49152.
    @Test func wholeStepsNeedOneChoice() {
        var atThreshold = ReplayedChoices([49152, 0])
        let atHappened = atThreshold.happens(probability: 0.25)
        #expect(atHappened && atThreshold.position == 1)
        var below = ReplayedChoices([49151])
        let belowQuarter = below.happens(probability: 0.25)
        #expect(!belowQuarter)
    }

    /// 1,000,000 draws at p = 10⁻⁵: 10 events expected (standard deviation 3.2); the old
    /// 16-bit rule gave none.
    @Test func aProbabilityBelowOneStepHappensAtItsRate() {
        var choices = SeededChoices(seed: 17)
        var events = 0
        for _ in 0..<1_000_000 where choices.happens(probability: 1e-5) { events += 1 }
        #expect(events >= 1 && events <= 25, "\(events) events, expected 10")
    }
}
