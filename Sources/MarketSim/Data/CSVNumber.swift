/// Reads the price and volume fields of a CSV file.
///
/// Accepted: decimal and scientific notation (`12`, `-1.5`, `.5`, `1e-3`, `+2E+10`) as Swift's
/// `Double(_:)` reads them, correctly rounded, and `NaN`, `nan`, `inf`, `-Infinity` (any case),
/// after a leading `$` is dropped (Nasdaq's downloads write `$123.45`). Not hexadecimal floats. In a `;`-delimited file a decimal comma is read as a point (`1,5` is 1.5).
/// A missing value — an empty field or `null` (Yahoo's holidays) — reads as NaN, so that it loads
/// and ``DataValidator`` reports it as ``DataFaultKind/notANumber``. Anything else is an error.
enum CSVNumber {
    /// Fields longer than this are refused without parsing (no price needs 64 characters).
    static let maxBytes = 64

    static let comma = UInt8(ascii: ",")
    static let point = UInt8(ascii: ".")

    /// Whether `byte` may appear in a number written with digits: `0-9 + - . e E` and `,`.
    static func isNumeral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: ","):
            true
        default: false
        }
    }

    /// The value of `field`, or `nil` when it is not a number.
    static func parse(_ field: ArraySlice<UInt8>, decimalComma: Bool) -> Double? {
        var bytes = field
        while let first = bytes.first, CSVFields.isBlank(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, CSVFields.isBlank(last) { bytes = bytes.dropLast() }
        if bytes.isEmpty { return .nan }
        guard bytes.count <= maxBytes else { return nil }
        if bytes.first == UInt8(ascii: "$") { bytes = bytes.dropFirst() }
        if bytes.allSatisfy(isNumeral) {
            var separator = point
            if bytes.contains(comma) {
                guard decimalComma, !bytes.contains(point) else { return nil }
                separator = comma
            }
            if let value = shortDecimal(bytes, separator: separator) { return value }
            return Double(String(decoding: separator == comma ? bytes.map { $0 == comma ? point : $0 } : Array(bytes), as: UTF8.self))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        switch text.lowercased() {
        case "null": return .nan
        case "nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity": return Double(text)
        default: return nil
        }
    }

    /// The powers of ten that a Double holds exactly, 10⁰ … 10¹⁵.
    private static let exactPowersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { result, _ in result * 10 } }

    /// The value of a short decimal `[+-]digits[.digits]` of at most 15 digits, or `nil` for
    /// anything else (then `Double(_:)` reads it).
    ///
    /// Clinger's fast path: the digits as an integer and the power of ten are both exact Doubles,
    /// so one division, correctly rounded by IEEE 754, gives the correctly rounded value — the
    /// same bits as a full decimal conversion, several times faster.
    static func shortDecimal(_ bytes: ArraySlice<UInt8>, separator: UInt8) -> Double? {
        var index = bytes.startIndex
        var negative = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenSeparator = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenSeparator { fractionDigits += 1 }
                guard digits <= 15 else { return nil }
            } else if byte == separator && !seenSeparator {
                seenSeparator = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        let value = Double(significand) / exactPowersOfTen[fractionDigits]
        return negative ? -value : value
    }
}
