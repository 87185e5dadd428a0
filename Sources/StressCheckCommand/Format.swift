import Foundation
import PropertyCheck

/// Numbers as the tables and progress lines print them: locale-independent, so output is the
/// same on every machine.
enum Format {
    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String { GroupedDigits.text(value) }

    /// A rate rounded to a whole number, grouped; `-` when nothing was measured.
    static func rate(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "-" }
        return grouped(Int(value.rounded()))
    }

    /// Seconds with two decimals: `0.42 s`.
    static func seconds(_ value: Double) -> String {
        String(format: "%.2f s", value.isFinite ? value : 0)
    }

    /// A time left, coarse as an estimate should be: `0.4 s`, `12 s`, `3 min 05 s`.
    static func eta(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return whole < 60 ? "\(whole) s" : String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// `part` as a whole percentage of `total` (`<1%` when small but not zero).
    static func percent(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "0%" }
        let share = Double(part) * 100 / Double(total)
        if share > 0 && share < 1 { return "<1%" }
        return "\(Int(share.rounded()))%"
    }

    /// `count` and `noun`, plural unless `count` is 1: `1 byte`, `1,024 bytes`.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }
}
