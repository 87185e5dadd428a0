import Foundation

/// The one way the command writes JSON: pretty-printed, keys sorted, slashes unescaped, a final
/// newline, and non-finite numbers as the strings `nan`, `inf`, `-inf` (JSON has no numbers for them).
enum JSONText {
    /// `value` as JSON text.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // The documents hold strings, numbers, booleans, arrays and dictionaries of them, and
        // non-finite numbers become strings: encoding cannot fail, and a failure is a bug, named.
        let data: Data
        do { data = try encoder.encode(value) } catch { preconditionFailure("\(T.self) could not be encoded as JSON: \(error)") }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
