/// A calendar date and time of day in UTC, converted to and from ``SimTime`` without Foundation
/// or time zones (Howard Hinnant's days-from-civil algorithm, proleptic Gregorian calendar).
public struct CivilTime: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second, self.nanosecond) = (hour, minute, second, nanosecond)
    }

    /// The last instant the clock represents with valid calendar fields: 2261-12-31T23:59:59Z.
    public static let lastRepresentable = SimTime.seconds(Int64(days(fromCivil: 2261, 12, 31)) * 86_400 + 86_399)

    /// The calendar fields of `time`.
    public init(_ time: SimTime) {
        let ns = time.nanoseconds
        var days = ns / 86_400_000_000_000
        var rest = ns % 86_400_000_000_000
        if rest < 0 {
            rest += 86_400_000_000_000
            days -= 1
        }
        let (y, m, d) = CivilTime.civil(fromDays: days)
        year = y
        month = m
        day = d
        let seconds = Int(rest / 1_000_000_000)
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
        nanosecond = Int(rest % 1_000_000_000)
    }

    /// Whether the fields name a real date and time (leap years included; no leap seconds).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysIn(month: month, year: year) else { return false }
        return (0..<24).contains(hour) && (0..<60).contains(minute) && (0..<60).contains(second)
            && (0..<1_000_000_000).contains(nanosecond) && (1678...2261).contains(year)
    }

    /// The instant, or nil when the fields are not a valid time in ``SimTime``'s range.
    public var time: SimTime? {
        guard isValid else { return nil }
        let days = Int64(CivilTime.days(fromCivil: year, month, day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return SimTime(nanoseconds: seconds * 1_000_000_000 + Int64(nanosecond))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, with a fractional part only when there is one.
    public var iso8601: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        if nanosecond != 0 {
            var fraction = pad(nanosecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
