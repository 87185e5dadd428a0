/// The nights, weekends and holidays of intraday data that trades in daily sessions (US equities'
/// one-minute bars, 14:30–21:00 UTC): steps far longer than the median step, which the validator
/// would otherwise report as a gap every night.
///
/// A long step is a **session break** when the data has a daily pattern of them: it crosses into a
/// later UTC day, lasts at least ``minimumLength``, and starts and ends near the same times of day
/// as most other long steps (within ``tolerance`` of the commonest start and end: a daylight-saving
/// change moves a session by an hour, still inside). The pattern must be the rule, not chance: at
/// least ``minimumBreaks`` such steps, and at least half of all the long steps. A long step at
/// another time — data lost from noon to the next open, a feed down for an hour — stays a gap, and
/// so does every long step of data that trades around the clock, or of daily bars (a median step
/// of a day or more has no sessions). A missing whole trading day looks like a holiday and is not
/// told from one.
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
    /// How far from the commonest start and end a session break may start and end: 90 minutes.
    static let tolerance = 6  // bins
    static let minimumBreaks = 3
    static let minimumLength: Int64 = 3_600_000_000_000

    /// The indices (bars after the break) of the steps of `long` that are session breaks of data
    /// whose median step is `medianStep` nanoseconds.
    static func find(_ long: [LongStep], medianStep: Int64) -> Set<Int> {
        guard medianStep < day, long.count >= minimumBreaks else { return [] }
        let candidates = long.filter { step in
            let (length, overflow) = step.to.nanoseconds.subtractingReportingOverflow(step.from.nanoseconds)
            return !overflow && length >= minimumLength && dayNumber(step.to) > dayNumber(step.from)
        }
        guard candidates.count >= minimumBreaks else { return [] }
        // How many candidates start in each quarter hour and end in each (a start × end table),
        // then the occupied cell whose neighbourhood (± tolerance both ways, around the clock)
        // holds most; the first such in table order.
        var table = [Int](repeating: 0, count: bins * bins)
        for step in candidates { table[bin(step.from) * bins + bin(step.to)] += 1 }
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
        guard best.count >= minimumBreaks, 2 * best.count >= long.count else { return [] }
        return Set(
            candidates.filter { distance(bin($0.from), best.start) <= tolerance && distance(bin($0.to), best.end) <= tolerance }.map(\.index))
    }

    /// The UTC day of `time`, counted from the Unix epoch (floored: days before it are negative).
    static func dayNumber(_ time: SimTime) -> Int64 {
        let (quotient, remainder) = time.nanoseconds.quotientAndRemainder(dividingBy: day)
        return remainder < 0 ? quotient - 1 : quotient
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
