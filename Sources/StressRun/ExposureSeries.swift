import MarketSim
import TradingVocabulary

/// The sector exposure sampled at every step of a run, stored by column: the sectors once, then
/// per sample its time and portfolio value, and a row of exposures and healths (one per sector,
/// in ``sectors`` order).
///
/// A sample is taken at every bar of every run. As a `SectorExposureSample` each one was an array
/// of its own — an allocation per bar, and a release per bar when the record went — so the run
/// keeps the columns, and ``samples`` (or the subscript) builds the samples for whoever reads them
/// (the HTML report, the tests).
public struct ExposureSeries: Hashable, Sendable, RandomAccessCollection {
    /// The sectors sampled, in `Sector.allCases` order: those of the run's symbols.
    public let sectors: [Sector]
    private var times: [SimTime] = []
    private var portfolioValues: [Cents] = []
    /// Row `i` is `exposures[i * sectors.count ..< (i + 1) * sectors.count]`.
    private var exposures: [Cents] = []
    private var healths: [SectorHealth] = []

    public init(sectors: [Sector]) {
        self.sectors = sectors
    }

    /// Room for `samples` samples without growing.
    mutating func reserveCapacity(_ samples: Int) {
        times.reserveCapacity(samples)
        portfolioValues.reserveCapacity(samples)
        exposures.reserveCapacity(samples * sectors.count)
        healths.reserveCapacity(samples * sectors.count)
    }

    /// Starts a sample; one ``appendCell(exposure:health:)`` per sector, in ``sectors`` order,
    /// completes it.
    mutating func beginSample(time: SimTime, portfolioValue: Cents) {
        precondition(exposures.count == times.count * sectors.count, "the previous exposure sample is incomplete")
        times.append(time)
        portfolioValues.append(portfolioValue)
    }

    /// The next sector's exposure and health in the sample begun last.
    mutating func appendCell(exposure: Cents, health: SectorHealth) {
        exposures.append(exposure)
        healths.append(health)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { times.count }

    /// The sample at `index`, built from the columns.
    public subscript(index: Int) -> SectorExposureSample {
        let row = index * sectors.count
        return SectorExposureSample(
            time: times[index], portfolioValue: portfolioValues[index],
            sectors: sectors.indices.map { SectorExposure(sector: sectors[$0], exposure: exposures[row + $0], health: healths[row + $0]) })
    }

    /// Every sample, oldest first.
    public var samples: [SectorExposureSample] { Array(self) }
}
