import ExchangeSim
import ExchangeVocabulary
import MarketSim
import Testing

@Suite struct FaultTests {
    @Test func zeroChoicesAreCalm() throws {
        var calm = CalmChoices()
        let faults = try VenueFaults(from: &calm)
        let bounds = VenueFaultBounds()
        #expect(faults.latency(from: &calm) == LinkLatency(out: bounds.baseLatency, back: bounds.baseLatency))
        #expect(!faults.rejects(inStorm: false, from: &calm))
        #expect(!faults.rejects(inStorm: true, from: &calm))
        #expect(!faults.refusesCancel(from: &calm))
        #expect(faults.cancelHold(from: &calm) == .zero)
        #expect(!faults.isThin(inCrisis: true, from: &calm))
        let schedule = try VenueFaultSchedule(horizon: .days(1), from: &calm)
        #expect(schedule.disconnects.isEmpty && schedule.rejectStorms.isEmpty && schedule.staleBooks.isEmpty)
    }

    @Test func drawsStayInsideTheirBounds() throws {
        let bounds = VenueFaultBounds()
        var source = SeededChoices(seed: 11)
        var thin = 0
        for _ in 0..<200 {
            let faults = try VenueFaults(bounds: bounds, from: &source)
            #expect(faults.jitter <= bounds.maxJitter && faults.spike <= bounds.maxSpike)
            #expect(faults.rejectPerMille <= bounds.maxRejectPerMille && faults.stormRejectPerMille <= bounds.maxStormRejectPerMille)
            #expect(faults.thinPerMille <= 850 && faults.cancelHold <= bounds.maxCancelHold)
            for _ in 0..<50 {
                let drawn = faults.latency(from: &source)
                for leg in [drawn.out, drawn.back] {
                    #expect(leg >= bounds.baseLatency && leg <= bounds.baseLatency + faults.jitter + faults.spike)
                }
                if faults.isThin(inCrisis: true, from: &source) { thin += 1 }
                #expect(!faults.isThin(inCrisis: false, from: &source))
            }
            let schedule = try VenueFaultSchedule(bounds: bounds, horizon: .hours(6), from: &source)
            #expect(schedule.disconnects.count <= bounds.maxDisconnects)
            for window in schedule.disconnects + schedule.rejectStorms + schedule.staleBooks {
                #expect(window.start >= .zero && window.end <= .hours(6) && window.length > .zero)
            }
        }
        #expect(thin < 200 * 50 * 85 / 100)
    }

    @Test func smallerChoiceIsNeverMoreExtreme() throws {
        var low = ReplayedChoices(Array(repeating: 300, count: 8))
        var high = ReplayedChoices(Array(repeating: 900, count: 8))
        let calmer = try VenueFaults(from: &low)
        let wilder = try VenueFaults(from: &high)
        #expect(calmer.jitter <= wilder.jitter && calmer.spike <= wilder.spike && calmer.cancelHold <= wilder.cancelHold)
        #expect(calmer.stormRejectPerMille <= wilder.stormRejectPerMille && calmer.thinPerMille <= wilder.thinPerMille)
    }

    @Test func invalidBoundsAreTypedErrors() {
        var bounds = VenueFaultBounds()
        bounds.maxThinPerMille = 851
        var calm = CalmChoices()
        #expect(throws: VenueFaultBoundsError.outOfRange(.maxThinPerMille)) { try VenueFaults(bounds: bounds, from: &calm) }
        bounds = VenueFaultBounds()
        bounds.maxJitter = .milliseconds(-1)
        #expect(throws: VenueFaultBoundsError.outOfRange(.maxJitter)) { try VenueFaultSchedule(bounds: bounds, horizon: .hours(1), from: &calm) }
    }

    /// The longest leg a run may draw and the longest hold stay within the client's one day: at
    /// the limit the bounds are taken, one nanosecond past it they are refused.
    @Test func boundsBeyondTheClientsOneDayAreTypedErrors() throws {
        let day = SimDuration(nanoseconds: VenueLimits.maxLatency)
        let nanosecond = SimDuration(nanoseconds: 1)
        var calm = CalmChoices()
        var bounds = VenueFaultBounds()
        bounds.maxSpike = SimDuration(nanoseconds: day.nanoseconds - bounds.baseLatency.nanoseconds - bounds.maxJitter.nanoseconds)
        _ = try VenueFaults(bounds: bounds, from: &calm)
        bounds.maxSpike = bounds.maxSpike + nanosecond
        #expect(throws: VenueFaultBoundsError.legTooLong(day + nanosecond)) { try VenueFaults(bounds: bounds, from: &calm) }
        bounds = VenueFaultBounds()
        bounds.baseLatency = SimDuration(nanoseconds: .max)
        #expect(throws: VenueFaultBoundsError.outOfRange(.baseLatency)) { try VenueFaults(bounds: bounds, from: &calm) }
        bounds = VenueFaultBounds()
        bounds.maxCancelHold = day
        _ = try VenueFaults(bounds: bounds, from: &calm)
        bounds.maxCancelHold = day + nanosecond
        #expect(throws: VenueFaultBoundsError.outOfRange(.maxCancelHold)) { try VenueFaults(bounds: bounds, from: &calm) }
    }
}
