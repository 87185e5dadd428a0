/// A fraction in basis points: 1% = 100 bp, 100% = 10 000 bp.
///
/// Limits are basis points so that `exposure × 10 000 ≤ limit × value` compares exactly.
public struct BasisPoints: Hashable, Comparable, Sendable, Codable, ExpressibleByIntegerLiteral {
    /// The number of basis points.
    public var value: Int64

    /// 100%.
    public static let whole = BasisPoints(10_000)

    @inlinable
    public init(_ value: Int64) { self.value = value }

    @inlinable
    public init(integerLiteral value: Int64) { self.value = value }

    @inlinable
    public static func < (lhs: BasisPoints, rhs: BasisPoints) -> Bool { lhs.value < rhs.value }

    /// The fraction as a `Double`, for display only.
    public var fraction: Double { Double(value) / 10_000 }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension BasisPoints: CustomStringConvertible {
    public var description: String { "\(value)bp" }
}
