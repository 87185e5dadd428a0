/// The gates of the go/no-go matrix (`docs/certification.md`), each with the test that measures
/// it and the action the source prescribes when it fails. A certification is GO only when every
/// gate passes; a failed gate names its action.
public enum CertificationGate: String, CaseIterable, Hashable, Sendable {
    /// Zero hard-limit breaches and no other safety violation; the flash crash's drawdown and
    /// flat position.
    case safety
    /// The decision flood's corrected P99 within the gate in every window.
    case latency
    /// Broker failure: every outage recovered, the order queue intact, the mean recovery within
    /// the gate.
    case recovery
    /// Live state, journal and venue agree to the minor unit (within the gate's delta).
    case integrity

    /// What the source says to do when the gate fails.
    public var actionWhenFailed: GateAction {
        switch self {
        case .safety, .latency: .blockPaperTrading
        case .recovery: .proceedWithMonitoring
        case .integrity: .dailyReconciliation
        }
    }

    /// The test that measures the gate.
    public var test: String {
        switch self {
        case .safety: "flash crash"
        case .latency: "decision flood"
        case .recovery: "broker failure"
        case .integrity: "portfolio integrity"
        }
    }
}

/// The action when a gate fails.
public enum GateAction: String, CaseIterable, Hashable, Sendable {
    case blockPaperTrading = "block paper trading"
    case proceedWithMonitoring = "proceed with monitoring"
    case dailyReconciliation = "daily reconciliation"
}

/// One measured figure of a gate and its limit: passed when `measured` is within it.
public struct GateFigure: Hashable, Sendable {
    /// What was measured, e.g. "max drawdown".
    public let name: String
    /// The value; nil when it could not be measured (e.g. a recovery that never happened): a
    /// figure that was not measured does not pass.
    public let measured: Double?
    public let limit: Double
    /// The unit both are in, e.g. "%", "ms", "s", "minor units", "count".
    public let unit: String

    public init(_ name: String, measured: Double?, limit: Double, unit: String) {
        self.name = name
        self.measured = measured
        self.limit = limit
        self.unit = unit
    }

    /// Within the limit (at most).
    public var passed: Bool { measured.map { $0 <= limit } ?? false }
}

/// A run of one test that broke one of its rules, with the seed that replays it.
public struct RuleBreak: Hashable, Sendable {
    public let test: String
    public let seed: UInt64
    /// The rule, e.g. "order sent twice", "sector above its hard cap".
    public let rule: String
    public init(test: String, seed: UInt64, rule: String) {
        self.test = test
        self.seed = seed
        self.rule = rule
    }
}

/// One gate's verdict: its figures and the runs that broke a rule.
public struct GateResult: Hashable, Sendable {
    public let gate: CertificationGate
    public let figures: [GateFigure]
    public let ruleBreaks: [RuleBreak]

    public init(_ gate: CertificationGate, figures: [GateFigure], ruleBreaks: [RuleBreak]) {
        self.gate = gate
        self.figures = figures
        self.ruleBreaks = ruleBreaks
    }

    /// Every figure within its limit and no rule broken (a gate with no figure did not run: it
    /// does not pass).
    public var passed: Bool { !figures.isEmpty && figures.allSatisfy(\.passed) && ruleBreaks.isEmpty }
}

/// The go/no-go matrix: every gate's result, and the verdict.
public struct CertificationMatrix: Hashable, Sendable {
    public let runs: Int
    public let gates: [GateResult]

    public init(runs: Int, gates: [GateResult]) {
        self.runs = runs
        self.gates = gates
    }

    /// GO when every gate of `CertificationGate.allCases` is present and passed.
    public var isGo: Bool {
        CertificationGate.allCases.allSatisfy { gate in gates.contains { $0.gate == gate && $0.passed } }
    }

    /// The gates that failed (or did not run), in matrix order.
    public var failedGates: [CertificationGate] {
        CertificationGate.allCases.filter { gate in !gates.contains { $0.gate == gate && $0.passed } }
    }
}
