import ExchangeVocabulary
import MarketSim

/// One run's fault mix, drawn once from the run's `ChoiceSource` inside `VenueFaultBounds`, and
/// the per-operation draws made from it.
///
/// Zero is calm: all-zero choices give the base latency, no jitter, no spike, no reject, no
/// cancel refusal, no hold, full fills; and a smaller choice never gives a more extreme outcome
/// (every draw is monotone in its choice).
public struct VenueFaults: Hashable, Sendable {
    public let bounds: VenueFaultBounds
    /// This run's jitter bound (each leg draws 0 … it).
    public let jitter: SimDuration
    /// This run's spike probability per leg, per mille, and the spike's size.
    public let spikePerMille: Int64
    public let spike: SimDuration
    /// This run's reject rates (outside and inside a storm), per mille.
    public let rejectPerMille: Int64
    public let stormRejectPerMille: Int64
    public let cancelRefusalPerMille: Int64
    /// This run's cancel hold bound (each cancel draws 0 … it).
    public let cancelHold: SimDuration
    /// This run's probability that a crisis-phase market event is thin, per mille.
    public let thinPerMille: Int64

    /// Draws one run's mix: eight choices, each scaled into its bound.
    public init<Source: ChoiceSource>(bounds: VenueFaultBounds = VenueFaultBounds(), from source: inout Source) throws(VenueFaultBoundsError) {
        try bounds.validate()
        self.bounds = bounds
        jitter = Self.scaled(bounds.maxJitter, by: source.choose(upTo: 1_000))
        spikePerMille = Int64(source.choose(upTo: UInt64(bounds.maxSpikePerMille)))
        spike = Self.scaled(bounds.maxSpike, by: source.choose(upTo: 1_000))
        rejectPerMille = Int64(source.choose(upTo: UInt64(bounds.maxRejectPerMille)))
        stormRejectPerMille = Int64(source.choose(upTo: UInt64(bounds.maxStormRejectPerMille)))
        cancelRefusalPerMille = Int64(source.choose(upTo: UInt64(bounds.maxCancelRefusalPerMille)))
        cancelHold = Self.scaled(bounds.maxCancelHold, by: source.choose(upTo: 1_000))
        thinPerMille = Int64(source.choose(upTo: UInt64(bounds.maxThinPerMille)))
    }

    // The per-operation draws are `@inlinable`: the executor calls them for every market event
    // and order, and from another module a generic call cannot be specialized for its source.

    /// One operation's latencies: base + jitter + (rarely) a spike, each way.
    @inlinable
    public func latency<Source: ChoiceSource>(from source: inout Source) -> LinkLatency {
        LinkLatency(out: leg(from: &source), back: leg(from: &source))
    }

    /// The reject flag of one submit: at the storm rate in a storm, else at the base rate.
    @inlinable
    public func rejects<Source: ChoiceSource>(inStorm: Bool, from source: inout Source) -> Bool {
        Self.happens(perMille: inStorm ? stormRejectPerMille : rejectPerMille, from: &source)
    }

    /// Whether the venue refuses one cancel.
    public func refusesCancel<Source: ChoiceSource>(from source: inout Source) -> Bool {
        Self.happens(perMille: cancelRefusalPerMille, from: &source)
    }

    /// One cancel's hold: 0 … the run's hold bound.
    public func cancelHold<Source: ChoiceSource>(from source: inout Source) -> SimDuration {
        SimDuration(nanoseconds: Int64(source.choose(upTo: UInt64(cancelHold.nanoseconds))))
    }

    /// Whether one market event is thin (never outside a crisis phase). Draws one choice either
    /// way, so the stream stays aligned whatever the phase.
    @inlinable
    public func isThin<Source: ChoiceSource>(inCrisis: Bool, from source: inout Source) -> Bool {
        let thin = Self.happens(perMille: thinPerMille, from: &source)
        return inCrisis && thin
    }

    @inlinable
    func leg<Source: ChoiceSource>(from source: inout Source) -> SimDuration {
        let jittered = bounds.baseLatency + SimDuration(nanoseconds: Int64(source.choose(upTo: UInt64(jitter.nanoseconds))))
        return Self.happens(perMille: spikePerMille, from: &source) ? jittered + spike : jittered
    }

    /// An event of probability `perMille`‰: the choice u in 0 … 999 is an event when
    /// u ≥ 1 000 − perMille, so zero is never an event and a larger choice never removes one.
    @inlinable
    static func happens<Source: ChoiceSource>(perMille: Int64, from source: inout Source) -> Bool {
        let choice = Int64(source.choose(upTo: 999))
        return perMille > 0 && choice >= 1_000 - perMille
    }

    /// `bound` × choice / 1 000 (choice ≤ 1 000), in Int128 so a long bound cannot overflow.
    static func scaled(_ bound: SimDuration, by choice: UInt64) -> SimDuration {
        SimDuration(nanoseconds: Int64(Int128(bound.nanoseconds) * Int128(min(choice, 1_000)) / 1_000))
    }
}
