/// A point on the simulation's virtual clock: nanoseconds since the Unix epoch (UTC).
///
/// Simulated time is only ever advanced by the simulation itself; nothing in MarketSim reads the
/// wall clock. Loaded CSV data keeps its real timestamps on the same scale, so simulated and
/// historic bars compare directly. The range covers the years 1678…2262.
public struct SimTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The instant `seconds` after the epoch.
    @inlinable
    public static func seconds(_ seconds: Int64) -> SimTime { SimTime(nanoseconds: seconds * 1_000_000_000) }

    /// Where simulated scenarios start unless told otherwise: 2024-01-01T00:00:00Z.
    public static let simulationEpoch = SimTime.seconds(1_704_067_200)

    @inlinable
    public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    @inlinable
    public static func + (lhs: SimTime, rhs: SimDuration) -> SimTime { SimTime(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds) }

    @inlinable
    public static func - (lhs: SimTime, rhs: SimTime) -> SimDuration { SimDuration(nanoseconds: lhs.nanoseconds &- rhs.nanoseconds) }

    /// Whole seconds since the epoch (rounded toward negative infinity).
    public var unixSeconds: Int64 {
        nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
    }

    /// ISO 8601 in UTC, e.g. `2024-01-01T00:00:00Z` (fractional seconds when there are any).
    public var description: String { CivilTime(self).iso8601 }
}

/// A span of virtual time in nanoseconds.
public struct SimDuration: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    @inlinable public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000) }
    @inlinable public static func seconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000_000) }
    @inlinable public static func minutes(_ n: Int64) -> SimDuration { .seconds(n * 60) }
    @inlinable public static func hours(_ n: Int64) -> SimDuration { .seconds(n * 3600) }
    @inlinable public static func days(_ n: Int64) -> SimDuration { .seconds(n * 86_400) }
    public static let zero = SimDuration(nanoseconds: 0)

    @inlinable
    public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    @inlinable
    public static func + (lhs: SimDuration, rhs: SimDuration) -> SimDuration { SimDuration(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds) }

    @inlinable
    public static func * (lhs: SimDuration, rhs: Int64) -> SimDuration { SimDuration(nanoseconds: lhs.nanoseconds &* rhs) }

    /// The duration in seconds, as a Double (for rates and scaling).
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// The duration as a fraction of a 365-day year: the Δt of the price models (crypto markets
    /// trade around the clock, so a year is 365 × 24 hours).
    @inlinable public var years: Double { Double(nanoseconds) / (365.0 * 86_400e9) }

    /// Human-readable: `15m`, `4h`, `1d 2h`, `250ms`.
    public var description: String {
        let ns = nanoseconds
        if ns == 0 { return "0s" }
        if ns == .min { return "\(ns)ns" }  // its negation does not exist
        if ns < 0 { return "-" + SimDuration(nanoseconds: 0 - ns).description }
        if ns % 1_000_000_000 != 0 {
            if ns % 1_000_000 == 0 { return "\(ns / 1_000_000)ms" }
            return "\(ns)ns"
        }
        var s = ns / 1_000_000_000
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where s >= size {
            parts.append("\(s / size)\(unit)")
            s %= size
        }
        return parts.joined(separator: " ")
    }
}
