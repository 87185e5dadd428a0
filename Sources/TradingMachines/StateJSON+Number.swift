/// JSON number syntax and exact integer values, shared by the parser and `StateJSON.Number`.
enum NumberSyntax {
    static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E")

    /// Beyond this an exponent cannot make a non-zero integer that fits `Int`; parsing it
    /// further could only overflow.
    static let exponentLimit = 1_000_000

    static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }

    /// The end of the number literal that starts at `start`, or `nil` if the bytes there are not
    /// one: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` (no `+`, no leading zeros, no bare
    /// `.` or `e`, as RFC 8259 and Foundation require).
    static func length(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        func digits() -> Int {
            let first = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - first
        }
        if index < bytes.count, bytes[index] == minus { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return nil }
        if bytes[index] == zero { index += 1 } else { _ = digits() }
        if index < bytes.count, bytes[index] == dot {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == lowerE || bytes[index] == upperE {
            index += 1
            if index < bytes.count, bytes[index] == plus || bytes[index] == minus { index += 1 }
            guard digits() > 0 else { return nil }
        }
        return index
    }

    /// The exact value of a number literal if it is an integer that fits `Int`, else `nil`.
    ///
    /// Decimal arithmetic on the digits, never `Double`: the literal's digits (integer part then
    /// fraction) times ten to the power (exponent − fraction length). A negative power must only
    /// drop zeros.
    static func exactInteger(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard length(in: bytes, from: 0) == bytes.count else { return nil }
        var index = 0
        let negative = bytes.first == minus
        if negative { index += 1 }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let integerCount = index - integerStart
        var fractionStart = index
        var fractionCount = 0
        if index < bytes.count, bytes[index] == dot {
            fractionStart = index + 1
            index = fractionStart
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionCount = index - fractionStart
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == lowerE || bytes[index] == upperE {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == plus || bytes[index] == minus {
                exponentNegative = bytes[index] == minus
                index += 1
            }
            while index < bytes.count, isDigit(bytes[index]) {
                exponent = min(exponent * 10 + Int(bytes[index] - zero), exponentLimit)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }

        // The k-th digit of integer part followed by fraction.
        let count = integerCount + fractionCount
        func digit(_ k: Int) -> Int {
            Int((k < integerCount ? bytes[integerStart + k] : bytes[fractionStart + k - integerCount]) - zero)
        }
        guard let firstNonZero = (0..<count).first(where: { digit($0) != 0 }) else { return 0 }
        let shift = exponent - fractionCount
        var end = count
        if shift < 0 {
            // Dividing by 10^-shift must only remove zeros, and leave a digit.
            let dropped = -shift
            guard dropped < count - firstNonZero else { return nil }
            guard (count - dropped..<count).allSatisfy({ digit($0) == 0 }) else { return nil }
            end = count - dropped
        }
        // Accumulate negatively: Int.min has no positive counterpart.
        var value = 0
        for k in firstNonZero..<end {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(digit(k))
            guard !overflow, !overflow2 else { return nil }
            value = next
        }
        if shift > 0 {
            guard shift < 19 else { return nil }
            for _ in 0..<shift {
                let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = times10
            }
        }
        if negative { return value }
        guard value != Int.min else { return nil }
        return -value
    }
}
