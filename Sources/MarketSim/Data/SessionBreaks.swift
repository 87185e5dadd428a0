/// The nights, weekends, holidays and daily pauses of intraday data that trades in sessions (US
/// equities' one-minute bars, 14:30–21:00 UTC; a lunch break; an exchange's daily hour of
/// maintenance): steps far longer than the median step, which the validator would otherwise
/// report as a gap every day.
///
/// Only steps of at least ``minimumLength`` are candidates. A candidate is a **session break**
/// when it belongs to a daily pattern: at least ``minimumBreaks`` candidates that start within
/// ``tolerance`` quarter hours (about 90 minutes) of one time of day and end within as much of
/// another (a daylight-saving change moves a session by an hour, still inside). Up to
/// ``maximumPatterns`` such patterns are taken, largest first (nights and weekends share one:
/// they start at the close and end at the open; a lunch break is another). The patterns must be
/// the rule, not chance: together at least half of the candidates, or none counts. A long step at
/// another time — data lost from noon to the next open, an hour missing once — stays a gap, and
/// so do the outages of data that trades around the clock and every long step of bars a day or
/// more apart (daily bars have no sessions). A missing whole trading day looks like a holiday and
/// is not told from one.
enum SessionBreaks {
    /// A long step: the bar after it, and the times it runs from and to.
    struct LongStep {
        var index: Int
        var from: SimTime
        var to: SimTime
    }

    static let day: Int64 = 86_400_000_000_000
    /// Times of day are binned in quarter hours.
    static let bin: Int64 = 900_000_000_000
    static let bins = Int(day / bin)
    /// How far from a pattern's start and end a session break may start and end: six quarter
    /// hours (75 to 105 minutes, as the times fall in their bins).
    static let tolerance = 6
    static let minimumBreaks = 3
    static let maximumPatterns = 4
    static let minimumLength: Int64 = 3_600_000_000_000

    /// The indices (bars after the break) of the steps of `long` that are session breaks of data
    /// whose median step is `medianStep` nanoseconds.
    static func find(_ long: [LongStep], medianStep: Int64) -> Set<Int> {
        guard medianStep < day else { return [] }
        var left = long.filter { step in
            let (length, overflow) = step.to.nanoseconds.subtractingReportingOverflow(step.from.nanoseconds)
            return !overflow && length >= minimumLength
        }
        let candidates = left.count
        var breaks: Set<Int> = []
        for _ in 0..<maximumPatterns {
            guard let pattern = largestPattern(left), pattern.count >= minimumBreaks else { break }
            let taken = Set(pattern.map(\.index))
            breaks.formUnion(taken)
            left.removeAll { taken.contains($0.index) }
        }
        return 2 * breaks.count >= candidates ? breaks : []
    }

    /// The steps around the start-and-end cell whose neighbourhood (± tolerance both ways, around
    /// the clock) holds the most steps; the first such cell in table order.
    static func largestPattern(_ steps: [LongStep]) -> [LongStep]? {
        guard !steps.isEmpty else { return nil }
        var table = [Int](repeating: 0, count: bins * bins)
        for step in steps { table[bin(step.from) * bins + bin(step.to)] += 1 }
        var best = (count: 0, start: 0, end: 0)
        for start in 0..<bins {
            for end in 0..<bins where table[start * bins + end] > 0 {
                var count = 0
                for ds in -tolerance...tolerance {
                    let row = (start + ds + bins) % bins * bins
                    for de in -tolerance...tolerance { count += table[row + (end + de + bins) % bins] }
                }
                if count > best.count { best = (count, start, end) }
            }
        }
        return steps.filter { distance(bin($0.from), best.start) <= tolerance && distance(bin($0.to), best.end) <= tolerance }
    }

    /// The quarter hour of the UTC day `time` falls in.
    static func bin(_ time: SimTime) -> Int {
        let remainder = time.nanoseconds % day
        return Int((remainder < 0 ? remainder + day : remainder) / bin)
    }

    /// Quarter hours between two bins, around the clock.
    static func distance(_ a: Int, _ b: Int) -> Int {
        let apart = abs(a - b)
        return min(apart, bins - apart)
    }
}
