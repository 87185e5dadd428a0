import TradingVocabulary

/// Lets a symbol be written as a string literal, so that a printed command such as
/// `.open("BTC-USD")` is Swift a person can paste into a regression test.
///
/// An invalid literal is a programmer error and traps with the validation message; symbols
/// that come from input must go through the throwing `Symbol.init(_:)`.
extension Symbol: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        do {
            try self.init(text)
        } catch {
            preconditionFailure("invalid symbol literal \"\(text)\": \(error)")
        }
    }
}

/// Formatting helpers shared by the command descriptions.
enum Literal {
    /// A symbol as a Swift string literal.
    static func symbol(_ symbol: Symbol) -> String { "\"\(symbol.text)\"" }

    /// A `Double` as a Swift expression that evaluates to the same value (NaN and infinities
    /// included), e.g. `0.05`, `.nan`, `-.infinity`.
    static func double(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.infinity" : ".infinity" }
        return "\(value)"
    }

    /// Money as an integer literal (`Cents` is expressible by one).
    static func cents(_ value: Cents) -> String { "\(value.value)" }

    /// Basis points as an integer literal.
    static func bp(_ value: BasisPoints) -> String { "\(value.value)" }
}
