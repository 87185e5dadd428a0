/// Reads the date fields of a CSV file into ``SimTime`` (UTC), without Foundation.
///
/// Formats, recognized from each field's shape:
/// - **Year first**: `YYYY-MM-DD`, also with `/` or `.` (`2024/01/02`, `2024.01.02`), optionally
///   followed by `T` or spaces and a time `HH:MM[:SS[.fff]]` (1 to 9 fractional digits), then
///   optionally `Z`, `UTC`, or an offset `+HH:MM`, `-HHMM`, `+HH` (subtracted to give UTC).
/// - **Month first**: `M/D/YYYY` or `MM/DD/YYYY`, optionally with a time as above and `AM`/`PM`.
///   Slashes with the year last always mean month first (the US convention).
/// - **Unix timestamps**: digits only, with an optional fraction, read by magnitude: below 10¹¹
///   seconds (10¹¹ s is the year 5138), below 10¹⁴ milliseconds (10¹¹ ms is March 1973, so
///   millisecond stamps of any date since then are recognized), below 10¹⁷ microseconds, and
///   nanoseconds above.
///
/// A time without a zone is UTC. Every instant must lie in 1678-01-01 … 2261-12-31 (what
/// ``CivilTime`` converts both ways), else the date is invalid.
enum CSVTimestamp {
    /// What a field reads as.
    enum Outcome: Equatable {
        case time(SimTime)
        /// The field matches no supported format.
        case unknownFormat
        /// The field has a supported format but names no instant in range.
        case invalid
    }

    /// Fields longer than this are refused without parsing.
    static let maxBytes = 64

    /// The instant `field` names.
    static func parse(_ field: ArraySlice<UInt8>) -> Outcome {
        var trimmed = field
        while let first = trimmed.first, CSVFields.isBlank(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, CSVFields.isBlank(last) { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty, trimmed.count <= maxBytes else { return .unknownFormat }
        var cursor = ByteCursor(trimmed)
        if trimmed.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }), trimmed.count(where: { $0 == UInt8(ascii: ".") }) <= 1 {
            return unix(&cursor)
        }
        let start = cursor
        guard let first = cursor.digits(1...4) else { return .unknownFormat }
        let firstCount = cursor.position - start.position
        let year: Int
        let month: Int
        let day: Int
        if firstCount == 4, let separator = cursor.peek(), separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") {
            cursor.advance()
            guard let m = cursor.digits(1...2), cursor.skip(separator), let d = cursor.digits(1...2) else { return .unknownFormat }
            (year, month, day) = (first, m, d)
        } else if firstCount <= 2, cursor.skip(UInt8(ascii: "/")) {
            guard let d = cursor.digits(1...2), cursor.skip(UInt8(ascii: "/")), let y = cursor.digitsExactly(4) else { return .unknownFormat }
            (year, month, day) = (y, first, d)
        } else {
            return .unknownFormat
        }
        var civil = CivilTime(year: year, month: month, day: day)
        var offsetSeconds = 0
        if !cursor.isAtEnd {
            guard cursor.skip(UInt8(ascii: "T")) || cursor.skipBlanks() > 0 else { return .unknownFormat }
            guard let time = timeOfDay(&cursor) else { return .unknownFormat }
            (civil.hour, civil.minute, civil.second, civil.nanosecond) = (time.hour, time.minute, time.second, time.nanosecond)
            guard let zone = zoneAndMeridiem(&cursor, hour: &civil.hour) else { return .unknownFormat }
            offsetSeconds = zone
        }
        guard cursor.isAtEnd else { return .unknownFormat }
        guard let time = civil.time else { return .invalid }
        return checked(SimTime(nanoseconds: time.nanoseconds - Int64(offsetSeconds) * 1_000_000_000))
    }

    /// `time` if ``CivilTime`` converts it both ways (1678…2261), else `.invalid`.
    static func checked(_ time: SimTime) -> Outcome {
        CivilTime(time).isValid ? .time(time) : .invalid
    }

    /// `H:MM[:SS[.f…]]`.
    static func timeOfDay(_ cursor: inout ByteCursor) -> (hour: Int, minute: Int, second: Int, nanosecond: Int)? {
        guard let hour = cursor.digits(1...2), cursor.skip(UInt8(ascii: ":")), let minute = cursor.digitsExactly(2) else { return nil }
        var second = 0
        var nanosecond = 0
        if cursor.skip(UInt8(ascii: ":")) {
            guard let s = cursor.digitsExactly(2) else { return nil }
            second = s
            if cursor.skip(UInt8(ascii: ".")) {
                let before = cursor.position
                guard let fraction = cursor.digits(1...9) else { return nil }
                var scale = 1
                for _ in 0..<(9 - (cursor.position - before)) { scale *= 10 }
                nanosecond = fraction * scale
            }
        }
        return (hour, minute, second, nanosecond)
    }

    /// After a time: blanks, then `Z`, `UTC`, an offset `±HH[:MM]`/`±HHMM`, or `AM`/`PM` (which
    /// turns `hour` from 12-hour to 24-hour, and needs `hour` in 1…12).
    /// - Returns: The offset east of UTC in seconds (0 without one), or `nil` when malformed.
    static func zoneAndMeridiem(_ cursor: inout ByteCursor, hour: inout Int) -> Int? {
        cursor.skipBlanks()
        guard let next = cursor.peek() else { return 0 }
        switch next | 0x20 {  // ASCII lowercase
        case UInt8(ascii: "z"):
            cursor.advance()
            return 0
        case UInt8(ascii: "u"):
            return cursor.skipWord("utc") ? 0 : nil
        case UInt8(ascii: "a"), UInt8(ascii: "p"):
            let pm = next | 0x20 == UInt8(ascii: "p")
            cursor.advance()
            guard cursor.skipWord("m"), (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
            return 0
        default:
            break
        }
        guard next == UInt8(ascii: "+") || next == UInt8(ascii: "-") else { return nil }
        cursor.advance()
        guard let hours = cursor.digits(2...2), hours <= 23 else { return nil }
        var minutes = 0
        if !cursor.isAtEnd {
            _ = cursor.skip(UInt8(ascii: ":"))
            guard let m = cursor.digitsExactly(2), m <= 59 else { return nil }
            minutes = m
        }
        let offset = hours * 3600 + minutes * 60
        return next == UInt8(ascii: "-") ? -offset : offset
    }

    /// A Unix timestamp: digits, perhaps a fraction, the unit chosen by magnitude.
    static func unix(_ cursor: inout ByteCursor) -> Outcome {
        var whole: Int64 = 0
        var wholeDigits = 0
        while let byte = cursor.peek(), isDigit(byte) {
            let (times10, overflow1) = whole.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return .invalid }
            whole = sum
            wholeDigits += 1
            cursor.advance()
        }
        guard wholeDigits > 0 else { return .unknownFormat }
        var fractionDigits: [UInt8] = []
        if cursor.skip(UInt8(ascii: ".")) {
            while let byte = cursor.peek(), isDigit(byte) {
                fractionDigits.append(byte - UInt8(ascii: "0"))
                cursor.advance()
            }
            guard !fractionDigits.isEmpty else { return .unknownFormat }
        }
        guard cursor.isAtEnd else { return .unknownFormat }
        let unitNanoseconds: Int64 =
            switch whole {
            case ..<100_000_000_000: 1_000_000_000  // seconds
            case ..<100_000_000_000_000: 1_000_000  // milliseconds
            case ..<100_000_000_000_000_000: 1_000  // microseconds
            default: 1  // nanoseconds
            }
        let (nanoseconds, overflow) = whole.multipliedReportingOverflow(by: unitNanoseconds)
        guard !overflow else { return .invalid }
        var fraction: Int64 = 0
        var place = unitNanoseconds
        for digit in fractionDigits {
            place /= 10
            if place == 0 { break }
            fraction += Int64(digit) * place
        }
        // The whole part can fit while whole + fraction does not (9223372036.9 seconds).
        let (total, fractionOverflow) = nanoseconds.addingReportingOverflow(fraction)
        guard !fractionOverflow else { return .invalid }
        return checked(SimTime(nanoseconds: total))
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// A read position in a field's bytes.
struct ByteCursor {
    private let bytes: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    func peek() -> UInt8? { isAtEnd ? nil : bytes[position] }
    mutating func advance() { position += 1 }

    /// Skips `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Skips `word` (lowercase ASCII) if it is next, in any case.
    mutating func skipWord(_ word: StaticString) -> Bool {
        var probe = position
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard probe < bytes.endIndex, bytes[probe] | 0x20 == expected else { return false }
            probe += 1
        }
        position = probe
        return true
    }

    /// Skips spaces and tabs; returns how many.
    @discardableResult
    mutating func skipBlanks() -> Int {
        let start = position
        while let byte = peek(), CSVFields.isBlank(byte) { position += 1 }
        return position - start
    }

    /// A run of decimal digits of a length in `counts` (the longest run up to its upper bound),
    /// or `nil` (and the position kept) when there are fewer.
    mutating func digits(_ counts: ClosedRange<Int>) -> Int? {
        let start = position
        var value = 0
        while position - start < counts.upperBound, let byte = peek(), CSVTimestamp.isDigit(byte) {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
        }
        guard position - start >= counts.lowerBound else {
            position = start
            return nil
        }
        return value
    }

    /// Exactly `count` decimal digits, not followed by another digit.
    mutating func digitsExactly(_ count: Int) -> Int? {
        let start = position
        guard let value = digits(count...count), !(peek().map(CSVTimestamp.isDigit) ?? false) else {
            position = start
            return nil
        }
        return value
    }
}
