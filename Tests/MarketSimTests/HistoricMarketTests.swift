import MarketSim
import Testing
import TradingVocabulary

/// `HistoricMarket`: a user's series aligned, windowed and given an interval; `HistoricDate`:
/// the window's bounds as written.
@Suite struct HistoricMarketTests {
    private func series(_ symbol: String, minutes: [Int64]) throws -> BarSeries {
        BarSeries(
            symbol: try Symbol(symbol),
            bars: minutes.map { minute in
                let price = 100 + Double(minute)
                return Bar(time: SimTime.simulationEpoch + .minutes(minute), open: price, high: price, low: price, close: price, volume: 1)
            })
    }

    private func at(_ minute: Int64) -> SimTime { SimTime.simulationEpoch + .minutes(minute) }

    @Test func alignsCutsAndTakesTheMedianStep() throws {
        // Minutes 0…9 and 20…29 (a gap of 11 minutes), B missing minute 3.
        let minutes = Array(0..<10) + Array(20..<30) as [Int64]
        let a = try series("A", minutes: minutes)
        let b = try series("B", minutes: minutes.filter { $0 != 3 })
        let whole = try HistoricMarket([a, b])
        #expect(whole.times.count == 19 && whole.droppedByAlignment == [1, 0])
        #expect(whole.interval == .minutes(1), "the gap is one long step, not the interval")
        #expect(whole.start == at(0) && whole.end == at(30) && whole.duration == .minutes(30))
        let window = try HistoricMarket([a, b], from: at(5), before: at(22))
        #expect(window.times == [5, 6, 7, 8, 9, 20, 21].map(at))
        #expect(window.series.map(\.symbol.text) == ["A", "B"])
        for one in window.series { #expect(one.bars.map(\.time) == window.times) }
        #expect(try HistoricMarket([a], from: at(28)).times == [at(28), at(29)])
        #expect(try HistoricMarket([a], before: at(2)).times == [at(0), at(1)])
    }

    @Test func refusesWhatCannotBeRun() throws {
        let a = try series("A", minutes: Array(0..<10))
        #expect(throws: HistoricMarketError.noSeries) { try HistoricMarket([]) }
        #expect(throws: HistoricMarketError.duplicateSymbol(try Symbol("A"))) { try HistoricMarket([a, a]) }
        #expect(throws: HistoricMarketError.emptyWindow(from: at(5), before: at(5))) { try HistoricMarket([a], from: at(5), before: at(5)) }
        #expect(throws: HistoricMarketError.noCommonTimestamps) { try HistoricMarket([a, try series("B", minutes: [20, 21])]) }
        #expect(throws: HistoricMarketError.tooFewBars(1, from: at(9), before: nil, first: at(0), last: at(9))) {
            try HistoricMarket([a], from: at(9))
        }
        #expect(throws: HistoricMarketError.tooFewBars(0, from: at(50), before: at(60), first: at(0), last: at(9))) {
            try HistoricMarket([a], from: at(50), before: at(60))
        }
        #expect(throws: HistoricMarketError.tooFewBars(1, from: nil, before: nil, first: at(0), last: at(0))) {
            try HistoricMarket([try series("C", minutes: [0])])
        }
        let error = HistoricMarketError.tooFewBars(0, from: at(50), before: nil, first: at(0), last: at(9))
        #expect(
            error.description == "no bar between 2024-01-01T00:50:00Z and the end (a replay needs at least 2 common bars); "
                + "the data's common bars run from 2024-01-01T00:00:00Z to 2024-01-01T00:09:00Z")
    }

    @Test func datesAreDaysOrISOInstants() throws {
        let day = try #require(HistoricDate(parsing: "2020-03-12"))
        #expect(day.isDay && "\(day.first)" == "2020-03-12T00:00:00Z" && "\(day.after)" == "2020-03-13T00:00:00Z")
        let instant = try #require(HistoricDate(parsing: "2020-03-12T14:30:00Z"))
        #expect(!instant.isDay && "\(instant.first)" == "2020-03-12T14:30:00Z" && instant.after - instant.first == SimDuration(nanoseconds: 1))
        #expect(HistoricDate(parsing: "2020-03-12T14:30:00+01:00")?.first == instant.first + .hours(-1))
        #expect(HistoricDate(parsing: "2020-03-12T14:30")?.first == instant.first, "no zone: UTC")
        for bad in [
            "", "yesterday", "2020-13-01", "2020-02-30", "12/03/2020", "1584000000", "2020-03-12 14:30", "2020-03-12T", "2020-3-12",
            "2020-03-12T25:00:00Z", "3000-01-01",
        ] {
            #expect(HistoricDate(parsing: bad) == nil, "\(bad)")
        }
    }
}
