import MarketSim
import Testing

/// The validator's session breaks: intraday data that trades in daily sessions has no gap every
/// night, and a gap inside a session, or at another time of day, is still one.
@Suite struct SessionBreaksTests {
    /// One-minute bars on the weekdays of 2–13 January 2023 (two weeks, a weekend between them),
    /// each day from its open (UTC hour, minute) for `minutes` minutes; `skip` leaves bars out.
    func sessions(
        days: [Int] = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13], open: (Int) -> (hour: Int, minute: Int) = { _ in (14, 30) }, minutes: Int = 390,
        skip: (Int, Int) -> Bool = { _, _ in false }
    ) throws -> [Bar] {
        var bars: [Bar] = []
        var price = 100.0
        for day in days {
            let (hour, minute) = open(day)
            let start = try utc(2023, 1, day, hour, minute)
            for i in 0..<minutes where !skip(day, i) {
                let next = price * (i % 2 == 0 ? 1.0003 : 0.9998)
                bars.append(
                    Bar(
                        time: start + .minutes(Int64(i)), open: price, high: max(price, next) * 1.0001, low: min(price, next) * 0.9999, close: next, volume: 1e5
                    ))
                price = next
            }
        }
        return bars
    }

    @Test func nightsAndAWeekendOfEquityBarsAreSessionBreaksNotGaps() throws {
        let report = DataValidator.validate(try sessions(), symbol: "SPY")
        #expect(report.isClean, "\(report)")
        #expect(report.sessionBreaks == 9)
        #expect(report.barCount == 3_900)
        // Told that the data runs around the clock, the validator reports every night.
        var continuous = ValidationOptions.standard
        continuous.sessionBreaks = false
        let nights = DataValidator.validate(try sessions(), symbol: "SPY", options: continuous)
        #expect(nights.faults.map(\.kind) == Array(repeating: .gap, count: 9) && nights.sessionBreaks == 0)
    }

    @Test func aDaylightSavingShiftOfAnHourIsStillASession() throws {
        // The second week opens an hour earlier (UTC), as US equities do in March.
        let report = DataValidator.validate(try sessions(open: { $0 >= 9 ? (13, 30) : (14, 30) }), symbol: "SPY")
        #expect(report.isClean, "\(report)")
        #expect(report.sessionBreaks == 9)
    }

    @Test func anOutageInsideASessionIsAGap() throws {
        // Wednesday 4 January: an hour of bars missing from 16:00.
        let bars = try sessions(skip: { day, minute in day == 4 && (90..<150).contains(minute) })
        let report = DataValidator.validate(bars, symbol: "SPY")
        #expect(report.faults.map(\.kind) == [.gap])
        #expect(report.faults.first?.barIndex == 2 * 390 + 90)
        #expect(report.sessionBreaks == 9)
    }

    @Test func dataLostFromMiddayToTheNextOpenIsAGap() throws {
        // Thursday 5 January ends at 17:30 instead of 21:00: a long step that crosses the night
        // but starts three and a half hours before the other nights.
        let bars = try sessions(skip: { day, minute in day == 5 && minute >= 180 })
        let report = DataValidator.validate(bars, symbol: "SPY")
        #expect(report.faults.map(\.kind) == [.gap])
        #expect(report.faults.first?.barIndex == 3 * 390 + 180)
        #expect(report.sessionBreaks == 8)
    }

    @Test func aSessionAcrossMidnightUTCHasItsNightsRecognised() throws {
        // Sydney in summer: 23:00–05:00 UTC, so each night runs 05:00 → 23:00 inside one UTC day.
        let report = DataValidator.validate(try sessions(open: { _ in (23, 0) }, minutes: 360), symbol: "BHP")
        #expect(report.isClean, "\(report)")
        #expect(report.sessionBreaks == 9)
    }

    @Test func aLunchBreakIsASecondDailyPattern() throws {
        // Tokyo: 00:00–02:30 and 03:30–06:00 UTC: a night and a lunch hour every day.
        let bars = try sessions(open: { _ in (0, 0) }, minutes: 360, skip: { _, minute in (150..<210).contains(minute) })
        let report = DataValidator.validate(bars, symbol: "7203")
        #expect(report.isClean, "\(report)")
        #expect(report.sessionBreaks == 9 + 10)
    }

    @Test func thinMinuteDataKeepsItsNightsAndItsShortGaps() throws {
        // Three 10-minute holes a day (30 gaps in all, more than the 9 nights): the nights are
        // still breaks, since only steps of an hour or more are weighed against them; the holes
        // are gaps.
        let bars = try sessions(skip: { _, minute in [60, 180, 300].contains { (($0)..<($0 + 10)).contains(minute) } })
        let report = DataValidator.validate(bars, symbol: "THIN")
        #expect(report.faults.map(\.kind) == Array(repeating: .gap, count: 30))
        #expect(report.sessionBreaks == 9)
    }

    @Test func twoNightsAreTooFewToCallASession() throws {
        // Three days: two long steps are not yet a daily pattern; they are reported as gaps.
        let report = DataValidator.validate(try sessions(days: [3, 4, 5]), symbol: "SPY")
        #expect(report.faults.map(\.kind) == [.gap, .gap])
        #expect(report.sessionBreaks == 0)
    }

    @Test func outagesOfRoundTheClockDataStayGaps() throws {
        // Ten days of one-minute bars around the clock, with three outages of two hours that
        // cross midnight at different times of day: no session pattern.
        let outages = [(2, 1_380), (5, 1_200), (8, 1_320)]  // (day, first minute missing)
        var bars: [Bar] = []
        for day in 2...11 {
            let start = try utc(2023, 1, day)
            for minute in 0..<1_440 {
                let missing = outages.contains { (outageDay, first) in
                    let at = (day - outageDay) * 1_440 + minute
                    return (first..<first + 120).contains(at)
                }
                if missing { continue }
                bars.append(Bar(time: start + .minutes(Int64(minute)), open: 100, high: 100.01, low: 99.99, close: 100, volume: 1e4))
            }
        }
        let report = DataValidator.validate(bars, symbol: "BTC-USD")
        #expect(report.faults.map(\.kind) == [.gap, .gap, .gap])
        #expect(report.sessionBreaks == 0)
    }

    @Test func missingWeeksOfDailyBarsStayGaps() throws {
        // Daily bars, all stamped at midnight, with four missing weeks: their times of day agree,
        // but a median step of a day has no sessions.
        var bars: [Bar] = []
        for day in 0..<200 where !(day / 7 == 5 || day / 7 == 10 || day / 7 == 15 || day / 7 == 20) {
            bars.append(Bar(time: try utc(2023, 1, 1) + .days(Int64(day)), open: 100, high: 101, low: 99, close: 100, volume: 1e6))
        }
        let report = DataValidator.validate(bars, symbol: "SPY")
        #expect(report.faults.map(\.kind) == [.gap, .gap, .gap, .gap])
        #expect(report.sessionBreaks == 0)
    }

    @Test func severalSymbolsAddTheirBreaks() throws {
        let bars = try sessions()
        var report = DataValidator.validate(bars, symbol: "SPY")
        report.merge(DataValidator.validate(bars, symbol: "QQQ"))
        #expect(report.sessionBreaks == 18)
    }
}
