import MarketSim
import Testing
import TradingVocabulary

@Suite struct AlignedSeriesTests {
    private func series(_ symbol: String, minutes: [Int64]) throws -> BarSeries {
        BarSeries(
            symbol: try Symbol(symbol),
            bars: minutes.map { minute in
                let price = 100 + Double(minute)
                return Bar(time: SimTime.simulationEpoch + .minutes(minute), open: price, high: price, low: price, close: price, volume: 1)
            })
    }

    @Test func keepsTheTimestampsAllSeriesShare() throws {
        let a = try series("A", minutes: Array(0..<10))
        let b = try series("B", minutes: [2, 3, 4, 6, 7, 8, 9, 10, 11])
        let c = try series("C", minutes: [0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        let aligned = AlignedSeries(aligning: [a, b, c])
        let common: [Int64] = [2, 3, 4, 6, 7, 8, 9]
        #expect(aligned.times == common.map { SimTime.simulationEpoch + .minutes($0) })
        #expect(aligned.series.map(\.symbol.text) == ["A", "B", "C"])
        for one in aligned.series { #expect(one.bars.map(\.time) == aligned.times) }
        #expect(aligned.keptIndices == [[2, 3, 4, 6, 7, 8, 9], [0, 1, 2, 3, 4, 5, 6], [2, 3, 5, 7, 8, 9, 10]])
        #expect(aligned.droppedCounts == [3, 2, 6])
        #expect(aligned.droppedCount(for: try Symbol("C")) == 6)
        #expect(aligned.droppedCount(for: try Symbol("D")) == 0)
        // The first of two bars at one time is kept.
        #expect(aligned.series[2].bars[1].close == 103)
    }

    @Test func sortsOutOfOrderBarsAndHandlesEdgeCases() throws {
        let shuffled = try series("X", minutes: [5, 1, 3, 1])
        let alone = AlignedSeries(aligning: [shuffled])
        #expect(alone.times == [1, 3, 5].map { SimTime.simulationEpoch + .minutes($0) })
        #expect(alone.keptIndices == [[1, 2, 0]] && alone.droppedCounts == [1])
        let none = AlignedSeries(aligning: [])
        #expect(none.times.isEmpty && none.series.isEmpty && none.droppedCounts.isEmpty)
        let disjoint = AlignedSeries(aligning: [try series("A", minutes: [0, 1]), try series("B", minutes: [2, 3])])
        #expect(disjoint.times.isEmpty && disjoint.droppedCounts == [2, 2] && disjoint.series.allSatisfy(\.bars.isEmpty))
    }

    /// Kept indices map aligned bars back to their files' lines.
    @Test func alignedBarsMapBackToLines() throws {
        let btc = try load("Date,Open,High,Low,Close,Volume\n2024-01-01,1,1,1,1,1\n2024-01-02,2,2,2,2,2\n2024-01-03,3,3,3,3,3\n")
        let eth = try load("Date,Open,High,Low,Close,Volume\n2024-01-02,5,5,5,5,5\n\n2024-01-03,6,6,6,6,6\n")
        let aligned = AlignedSeries(aligning: [btc.series(symbol: try Symbol("BTC")), eth.series(symbol: try Symbol("ETH"))])
        #expect(aligned.keptIndices[0].map { btc.lines[$0] } == [3, 4])
        #expect(aligned.keptIndices[1].map { eth.lines[$0] } == [2, 4])
    }
}
