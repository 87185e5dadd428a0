import ExchangeVocabulary
import MarketSim
import TradingVocabulary

/// Why a `VenueConfiguration` cannot run: every bound the venue relies on for exact arithmetic.
public enum VenueConfigurationError: Error, Hashable, Sendable {
    case noInstruments
    case duplicateSymbol(Symbol)
    /// A tick value outside 1 … `VenueLimits.maxTickValue`.
    case invalidTickValue(Symbol, Cents)
    /// A futures initial margin outside 0 … 10 000 bp.
    case invalidInitialMargin(Symbol, BasisPoints)
    /// A maker or taker rate beyond ±`VenueLimits.maxRate`.
    case invalidFeeRate(BasisPoints)
    /// A fixed slippage outside 0 … `VenueLimits.maxRate`, or a negative (or above 10 000)
    /// volatility percentage or square-root coefficient.
    case invalidSlippage(SlippageModel)
    /// A participation cap outside 1 … 10 000 bp.
    case invalidParticipation(BasisPoints)
    case negativeTimeout(SimDuration)
    /// A timeout above `VenueLimits.maxTimeout` (one day).
    case timeoutTooLong(SimDuration)
    case negativeCash(Cents)
    /// Starting cash above `VenueLimits.maxCash`.
    case cashTooLarge(Cents)
    /// A start past the end of the venue's clock (`VenueLimits.maxTime`): the times it would
    /// schedule from there do not fit.
    case startTooLate(SimTime)
}

extension VenueConfiguration {
    /// Checks every bound; the first problem found, in the order of the cases above.
    func validate() throws(VenueConfigurationError) {
        guard !instruments.isEmpty else { throw .noInstruments }
        for (index, instrument) in instruments.enumerated() {
            if instruments[..<index].contains(where: { $0.symbol == instrument.symbol }) { throw .duplicateSymbol(instrument.symbol) }
            guard (1...VenueLimits.maxTickValue.value).contains(instrument.tickValue.value) else {
                throw .invalidTickValue(instrument.symbol, instrument.tickValue)
            }
            guard (0...BasisPoints.whole.value).contains(instrument.initialMargin.value) else {
                throw .invalidInitialMargin(instrument.symbol, instrument.initialMargin)
            }
        }
        let rateBound = VenueLimits.maxRate.value
        for rate in [fees.maker, fees.taker] where !(-rateBound...rateBound).contains(rate.value) { throw .invalidFeeRate(rate) }
        switch slippage {
        case .none: break
        case .fixed(let rate): guard (0...rateBound).contains(rate.value) else { throw .invalidSlippage(slippage) }
        case .volatility(let percent): guard (0...10_000).contains(percent) else { throw .invalidSlippage(slippage) }
        case .squareRoot(let k): guard (0...10_000).contains(k) else { throw .invalidSlippage(slippage) }
        }
        guard (1...BasisPoints.whole.value).contains(participation.value) else { throw .invalidParticipation(participation) }
        guard timeout >= .zero else { throw .negativeTimeout(timeout) }
        guard timeout.nanoseconds <= VenueLimits.maxTimeout else { throw .timeoutTooLong(timeout) }
        guard initialCash >= .zero else { throw .negativeCash(initialCash) }
        guard initialCash <= VenueLimits.maxCash else { throw .cashTooLarge(initialCash) }
        guard start.nanoseconds <= VenueLimits.maxTime else { throw .startTooLate(start) }
    }
}
