/// Reads the price and volume fields of a CSV file.
///
/// Accepted: what Swift's `Double(_:)` accepts (`12`, `-1.5`, `.5`, `1e-3`, `NaN`, `nan`, `inf`,
/// `-Infinity`, …, case-insensitive), after a leading `$` is dropped (Nasdaq's downloads write
/// `$123.45`). In a `;`-delimited file a decimal comma is read as a point (`1,5` is 1.5).
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
             UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: ","): true
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
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.allSatisfy(isNumeral) {
            guard decimalComma, bytes.contains(comma) else { return Double(text) }
            guard !bytes.contains(point) else { return nil }
            return Double(String(decoding: bytes.map { $0 == comma ? point : $0 }, as: UTF8.self))
        }
        switch text.lowercased() {
        case "null": return .nan
        case "nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity": return Double(text)
        default: return nil
        }
    }
}
