import MarketSim
import Testing

/// The validator's σ̂ floor must not let a spike be its own typical move (found by the
/// corruption-versus-validator property in TradingChecksTests, shrunk to a constant market).
@Suite struct SpikeFloorTests {
    private func flat(_ count: Int, closes: [Int: Double] = [:]) -> [Bar] {
        (0..<count).map { i in
            let c = closes[i] ?? 100
            return Bar(time: .seconds(Int64(i) * 60), open: c, high: c, low: c, close: c, volume: 10)
        }
    }

    @Test func oneBadTickInAConstantSeriesIsReported() {
        let report = DataValidator.validate(flat(60, closes: [40: 101]), symbol: "USDC-USD")
        #expect(report.faults.map(\.barIndex) == [40])
        #expect(report.faults.map(\.kind) == [.spike])
    }

    @Test func aBadTickAtTheLastBarIsReported() {
        let report = DataValidator.validate(flat(60, closes: [59: 101]), symbol: "USDC-USD")
        #expect(report.faults.map(\.barIndex) == [59])
    }

    /// A price that changes once, by one hundredth of a percent (a stablecoin's tick), has no
    /// typical move: σ̂ stays at its smallest (10⁻⁵), the tick is no spike (it was "infσ̂"), and
    /// a bad tick in the same series still is.
    @Test func theOneTickOfAnUnchangingPriceIsNotASpike() {
        let moved = Dictionary(uniqueKeysWithValues: (50..<100).map { ($0, 100.01) })
        #expect(DataValidator.validate(flat(100, closes: moved), symbol: "USDC-USD").isClean)
        var bad = moved
        bad[70] = 100_010
        let report = DataValidator.validate(flat(100, closes: bad), symbol: "USDC-USD")
        #expect(report.faults.map(\.barIndex) == [70])
        #expect(report.faults.map(\.kind) == [.spike])
    }

    /// A coarse price grid: moves of one tick among unchanged closes are not spikes.
    @Test func ticksOnACoarseGridAreNotSpikes() {
        var closes: [Int: Double] = [:]
        var level = 100.0
        for i in 1..<300 where i % 7 == 0 {
            level += i % 14 == 0 ? 0.01 : -0.01
            for j in i..<min(i + 7, 300) { closes[j] = level }
        }
        #expect(DataValidator.validate(flat(300, closes: closes), symbol: "USDC-USD").isClean)
    }
}
