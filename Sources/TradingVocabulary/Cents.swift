/// An amount of money in integer minor units (cents).
///
/// Decisions compare money exactly; a `Double` never enters a decision about money.
public struct Cents: Hashable, Comparable, Sendable, Codable, ExpressibleByIntegerLiteral {
    /// The number of cents.
    public var value: Int64

    @inlinable
    public init(_ value: Int64) { self.value = value }

    @inlinable
    public init(integerLiteral value: Int64) { self.value = value }

    /// Zero cents.
    public static let zero = Cents(0)

    @inlinable
    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension Cents: CustomStringConvertible {
    public var description: String { "\(value)¢" }
}
