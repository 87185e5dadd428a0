import MarketSim
import ExchangeVocabulary

/// The limits inside which one run's fault mix is drawn (`VenueFaults`). Every rate is per mille
/// and every draw scales from zero (calm) up to its bound.
public struct VenueFaultBounds: Hashable, Sendable {
    /// The latency every operation has, each way, with all-zero choices.
    public var baseLatency: SimDuration = .milliseconds(5)
    /// The largest jitter a run may draw (each operation then draws 0 … the run's jitter).
    public var maxJitter: SimDuration = .milliseconds(20)
    /// The largest per-operation spike probability a run may draw, per mille.
    public var maxSpikePerMille: Int64 = 20
    /// The largest spike a run may draw (added to a leg that spikes).
    public var maxSpike: SimDuration = .seconds(2)
    /// The largest base random-reject rate, per mille (about 1‰).
    public var maxRejectPerMille: Int64 = 1
    /// The largest reject rate inside a reject storm, per mille.
    public var maxStormRejectPerMille: Int64 = 900
    /// The largest cancel-refusal rate, per mille.
    public var maxCancelRefusalPerMille: Int64 = 100
    /// The largest cancel hold (the venue's processing time) a run may draw.
    public var maxCancelHold: SimDuration = .milliseconds(50)
    /// The largest probability that a market event in a crisis phase is thin, per mille (≤ 850).
    public var maxThinPerMille: Int64 = 850
    /// Windows over a run's horizon: at most this many of each kind, each at most this long.
    public var maxDisconnects: Int = 3
    public var maxDisconnectLength: SimDuration = .minutes(5)
    public var maxRejectStorms: Int = 2
    public var maxRejectStormLength: SimDuration = .minutes(10)
    public var maxStaleWindows: Int = 2
    public var maxStaleLength: SimDuration = .minutes(5)

    public init() {}

    /// Checks that every bound is non-negative, every rate at most 1 000‰, the thin rate at
    /// most 850‰, and that the longest leg a run may draw (base + jitter + spike) and the longest
    /// cancel hold are within the client's one-day limit (`VenueLimits.maxLatency`).
    public func validate() throws(VenueFaultBoundsError) {
        let durations: [(VenueFaultBoundsError.Field, SimDuration)] = [
            (.baseLatency, baseLatency), (.maxJitter, maxJitter), (.maxSpike, maxSpike), (.maxCancelHold, maxCancelHold),
            (.maxDisconnectLength, maxDisconnectLength), (.maxRejectStormLength, maxRejectStormLength), (.maxStaleLength, maxStaleLength),
        ]
        for (field, duration) in durations where duration < .zero { throw .outOfRange(field) }
        let day = VenueLimits.maxLatency
        // Each at most a day first, so the sum below cannot overflow.
        let delays: [(VenueFaultBoundsError.Field, SimDuration)] = [
            (.baseLatency, baseLatency), (.maxJitter, maxJitter), (.maxSpike, maxSpike), (.maxCancelHold, maxCancelHold),
        ]
        for (field, duration) in delays where duration.nanoseconds > day { throw .outOfRange(field) }
        let longestLeg = baseLatency + maxJitter + maxSpike
        guard longestLeg.nanoseconds <= day else { throw .legTooLong(longestLeg) }
        let rates: [(VenueFaultBoundsError.Field, Int64, Int64)] = [
            (.maxSpikePerMille, maxSpikePerMille, 1_000), (.maxRejectPerMille, maxRejectPerMille, 1_000),
            (.maxStormRejectPerMille, maxStormRejectPerMille, 1_000), (.maxCancelRefusalPerMille, maxCancelRefusalPerMille, 1_000),
            (.maxThinPerMille, maxThinPerMille, 850),
        ]
        for (field, rate, limit) in rates where !(0...limit).contains(rate) { throw .outOfRange(field) }
        let counts: [(VenueFaultBoundsError.Field, Int)] = [
            (.maxDisconnects, maxDisconnects), (.maxRejectStorms, maxRejectStorms), (.maxStaleWindows, maxStaleWindows),
        ]
        for (field, count) in counts where !(0...1_000).contains(count) { throw .outOfRange(field) }
    }
}

/// Which fault bound is out of range.
public enum VenueFaultBoundsError: Error, Hashable, Sendable {
    public enum Field: Hashable, Sendable {
        case baseLatency, maxJitter, maxSpikePerMille, maxSpike, maxRejectPerMille, maxStormRejectPerMille
        case maxCancelRefusalPerMille, maxCancelHold, maxThinPerMille
        case maxDisconnects, maxDisconnectLength, maxRejectStorms, maxRejectStormLength, maxStaleWindows, maxStaleLength
    }
    case outOfRange(Field)
    /// Base latency + largest jitter + largest spike, the longest leg a run may draw, is above
    /// one day (`VenueLimits.maxLatency`): the client would refuse such a leg.
    case legTooLong(SimDuration)
}
