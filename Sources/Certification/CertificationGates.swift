/// The go/no-go gates of the certification suite (`docs/certification.md`) and the run's sizes,
/// with the source's defaults. Every figure a certification run compares is one of these fields;
/// units are in the names.
///
/// Defaults can be overridden from the environment (`CertificationGates.fromEnvironment`), so a
/// CI job can tighten a gate without a code change; every value is validated, and a bad one is
/// a typed error naming the variable and the range it must lie in.
public struct CertificationGates: Hashable, Sendable {
    /// Flash crash: the largest drawdown allowed, in basis points (15%).
    public var maxDrawdownBasisPoints: Int64 = 1_500
    /// Flood and flash crash: the corrected P99 decision latency allowed in every window, in
    /// nanoseconds (15 ms).
    public var p99LatencyNanoseconds: Int64 = 15_000_000
    /// Flood: StressCheck's tail gate, the corrected P99.9 allowed in every window, in
    /// nanoseconds (15 ms). The source's P99 alone passes a stack that stalls 20 ms once per
    /// thousand decisions at 1 000/s: only the 0.5% of decisions queued deepest behind each
    /// stall wait more than 15 ms, so its P99 is about 11 ms. The tail gate fails it.
    public var p999LatencyNanoseconds: Int64 = 15_000_000
    /// Broker failure: the mean recovery time allowed, in nanoseconds of simulated time (25 s).
    public var meanRecoveryNanoseconds: Int64 = 25_000_000_000
    /// Portfolio integrity: the largest difference allowed between live state, journal and venue,
    /// in minor units ($1).
    public var integrityDeltaMinorUnits: Int64 = 100
    /// Broker failure: how fresh market data must be before trading resumes, in nanoseconds (500 ms).
    public var maxDataAgeNanoseconds: Int64 = 500_000_000
    /// Decision flood: the target rate, decisions per second (1 000).
    public var floodRate: Int = 1_000
    /// Decision flood: how long the full run lasts, in seconds (10 minutes); the CI mode is shorter.
    public var floodSeconds: Int = 600
    /// Decision flood: the width of a pass/fail window, in seconds (10).
    public var floodWindowSeconds: Int = 10
    /// Consecutive passing seeds a certification needs (100).
    public var runs: Int = 100

    public init() {}

    /// The environment variable of each field, in declaration order.
    public static let environmentVariables: [(name: String, field: WritableKeyPath<CertificationGates, Int64> & Sendable)] = [
        ("STRESSCHECK_CERTIFY_MAX_DRAWDOWN_BP", \.maxDrawdownBasisPoints),
        ("STRESSCHECK_CERTIFY_P99_NS", \.p99LatencyNanoseconds),
        ("STRESSCHECK_CERTIFY_P999_NS", \.p999LatencyNanoseconds),
        ("STRESSCHECK_CERTIFY_MEAN_RECOVERY_NS", \.meanRecoveryNanoseconds),
        ("STRESSCHECK_CERTIFY_INTEGRITY_DELTA", \.integrityDeltaMinorUnits),
        ("STRESSCHECK_CERTIFY_MAX_DATA_AGE_NS", \.maxDataAgeNanoseconds),
    ]
    public static let environmentCounts: [(name: String, field: WritableKeyPath<CertificationGates, Int> & Sendable)] = [
        ("STRESSCHECK_CERTIFY_FLOOD_RATE", \.floodRate),
        ("STRESSCHECK_CERTIFY_FLOOD_SECONDS", \.floodSeconds),
        ("STRESSCHECK_CERTIFY_FLOOD_WINDOW_SECONDS", \.floodWindowSeconds),
        ("STRESSCHECK_CERTIFY_RUNS", \.runs),
    ]

    /// The defaults with every `STRESSCHECK_CERTIFY_*` variable of `environment` applied, then
    /// validated.
    ///
    /// - Throws: `.notAnInteger` for a value that is not a decimal integer, or what `validate`
    ///   throws; the first problem found, naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(CertificationConfigurationError) -> CertificationGates {
        var gates = CertificationGates()
        for (name, field) in environmentVariables {
            guard let text = environment[name] else { continue }
            guard let value = Int64(text) else { throw .notAnInteger(variable: name, value: text) }
            gates[keyPath: field] = value
        }
        for (name, field) in environmentCounts {
            guard let text = environment[name] else { continue }
            guard let value = Int(text) else { throw .notAnInteger(variable: name, value: text) }
            gates[keyPath: field] = value
        }
        try gates.validate()
        return gates
    }

    /// Checks every field against its range.
    /// - Throws: `.outOfRange` naming the first field out of range and its environment variable.
    public func validate() throws(CertificationConfigurationError) {
        func require(_ ok: Bool, _ variable: String, _ allowed: String) throws(CertificationConfigurationError) {
            guard ok else { throw .outOfRange(variable: variable, allowed: allowed) }
        }
        try require((1...10_000).contains(maxDrawdownBasisPoints), "STRESSCHECK_CERTIFY_MAX_DRAWDOWN_BP", "1 … 10 000 basis points")
        try require((1...60_000_000_000).contains(p99LatencyNanoseconds), "STRESSCHECK_CERTIFY_P99_NS", "1 ns … 60 s")
        try require((1...60_000_000_000).contains(p999LatencyNanoseconds), "STRESSCHECK_CERTIFY_P999_NS", "1 ns … 60 s")
        try require((1...3_600_000_000_000).contains(meanRecoveryNanoseconds), "STRESSCHECK_CERTIFY_MEAN_RECOVERY_NS", "1 ns … 1 hour")
        try require((0...1_000_000_000).contains(integrityDeltaMinorUnits), "STRESSCHECK_CERTIFY_INTEGRITY_DELTA", "0 … 10⁹ minor units")
        try require((1...60_000_000_000).contains(maxDataAgeNanoseconds), "STRESSCHECK_CERTIFY_MAX_DATA_AGE_NS", "1 ns … 60 s")
        try require((1...10_000_000).contains(floodRate), "STRESSCHECK_CERTIFY_FLOOD_RATE", "1 … 10 000 000 decisions per second")
        try require((1...86_400).contains(floodSeconds), "STRESSCHECK_CERTIFY_FLOOD_SECONDS", "1 … 86 400 seconds")
        try require(
            (1...3_600).contains(floodWindowSeconds) && floodWindowSeconds <= floodSeconds, "STRESSCHECK_CERTIFY_FLOOD_WINDOW_SECONDS",
            "1 … 3 600 seconds, and at most the flood's duration")
        try require((1...100_000).contains(runs), "STRESSCHECK_CERTIFY_RUNS", "1 … 100 000 runs")
    }
}

/// A certification configuration that cannot be used: what and where.
public enum CertificationConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAnInteger(variable: String, value: String)
    case outOfRange(variable: String, allowed: String)

    public var description: String {
        switch self {
        case .notAnInteger(let variable, let value): "\(variable)=\(value) is not a decimal integer"
        case .outOfRange(let variable, let allowed): "\(variable) must be \(allowed)"
        }
    }
}
