/// The value of `--time`: a wall-clock budget written as amounts with units, `30s`, `5m`,
/// `1h30m`, `500ms`.
///
/// Whole numbers only (`90s`, not `1.5m`): a budget is a rough figure, and one spelling per
/// duration keeps replay hints and CI scripts comparable.
public enum TimeBudget {
    /// The units, longest spelling first so that `ms` is not read as `m` then `s`.
    static let units: [(name: String, nanoseconds: Int64)] = [
        ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// The duration `text` spells.
    /// - Throws: ``TimeBudgetError`` naming the problem and the character where it is.
    public static func parse(_ text: String) throws(TimeBudgetError) -> Duration {
        let characters = Array(text)
        guard !characters.isEmpty else { throw TimeBudgetError(text: text, position: 0, problem: .empty) }
        var total: Int64 = 0
        var index = 0
        while index < characters.count {
            let numberStart = index
            var amount: Int64 = 0
            while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                let (times, overflow) = amount.multipliedReportingOverflow(by: 10)
                let (next, overflowAdd) = times.addingReportingOverflow(Int64(digit))
                guard !overflow, !overflowAdd else { throw TimeBudgetError(text: text, position: numberStart, problem: .tooLarge) }
                amount = next
                index += 1
            }
            guard index > numberStart else {
                let problem: TimeBudgetError.Problem = characters[index] == "." || characters[index] == "-" ? .notWhole : .missingNumber
                throw TimeBudgetError(text: text, position: index, problem: problem)
            }
            guard index < characters.count else { throw TimeBudgetError(text: text, position: index, problem: .missingUnit) }
            if characters[index] == "." { throw TimeBudgetError(text: text, position: index, problem: .notWhole) }
            let rest = String(characters[index...])
            guard let unit = units.first(where: { rest.hasPrefix($0.name) && !startsUnit(rest.dropFirst($0.name.count)) }) else {
                let word = String(rest.prefix { !$0.isNumber })
                throw TimeBudgetError(text: text, position: index, problem: .unknownUnit(word))
            }
            index += unit.name.count
            let (part, overflow) = amount.multipliedReportingOverflow(by: unit.nanoseconds)
            let (sum, overflowSum) = total.addingReportingOverflow(part)
            guard !overflow, !overflowSum else { throw TimeBudgetError(text: text, position: numberStart, problem: .tooLarge) }
            total = sum
        }
        guard total > 0 else { throw TimeBudgetError(text: text, position: 0, problem: .zero) }
        return .nanoseconds(total)
    }

    /// True when `rest` begins with a letter: `ms` in `5mss` is not a unit followed by `s`.
    private static func startsUnit(_ rest: Substring) -> Bool {
        rest.first?.isLetter ?? false
    }

    /// `duration` the way `parse` reads it back: `30s`, `1m30s`, `250ms`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        var nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return "0s" }
        var parts = ""
        for unit in units.reversed() where nanoseconds >= unit.nanoseconds {
            parts += "\(nanoseconds / unit.nanoseconds)\(unit.name)"
            nanoseconds %= unit.nanoseconds
        }
        return parts
    }
}

/// A `--time` value that is not a duration: the text, the character where the problem is
/// (0-based), and what it is.
public struct TimeBudgetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable {
        /// Nothing was given.
        case empty
        /// A unit without an amount before it (`s`, `5m s`).
        case missingNumber
        /// An amount without a unit (`30`).
        case missingUnit
        /// Not one of `ms`, `s`, `m`, `h`.
        case unknownUnit(String)
        /// A fraction or a sign (`1.5m`, `-3s`).
        case notWhole
        /// The budget adds up to nothing (`0s`).
        case zero
        /// More than about 292 years.
        case tooLarge
    }

    /// The text as given.
    public let text: String
    /// The 0-based character where the problem is.
    public let position: Int
    /// What is wrong.
    public let problem: Problem

    public var description: String {
        let place = "'\(text)' at character \(position + 1)"
        switch problem {
        case .empty: return "an empty duration; write an amount and a unit, e.g. 30s, 5m, 1h30m, 500ms"
        case .missingNumber: return "\(place): a unit needs a whole number before it, e.g. 30s"
        case .missingUnit: return "\(place): the amount needs a unit (ms, s, m or h), e.g. \(text)s"
        case .unknownUnit(let unit): return "\(place): unknown unit '\(unit)' (expected ms, s, m or h)"
        case .notWhole: return "\(place): amounts are positive whole numbers (write 90s, not 1.5m)"
        case .zero: return "'\(text)': the budget is zero; give a positive duration"
        case .tooLarge: return "\(place): the duration is too large"
        }
    }
}
