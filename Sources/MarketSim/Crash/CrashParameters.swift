import TradingVocabulary

/// The parameters of one crash of a given kind: every one overridable, each kind with the defaults
/// of simulation.md §2. ``phases()`` turns them into the scenario's phases: calm → crash → trough →
/// recovery → calm.
public struct CrashParameters: Hashable, Sendable {
    public var kind: CrashKind
    /// The fall over the crash phase, as a fraction (0.3 = −30%); `0 ≤ drop < 1`.
    public var drop: Double
    /// Calm market before the crash.
    public var calmBefore: SimDuration
    /// How long prices fall.
    public var crashDuration: SimDuration
    /// How long prices stay at the trough (still in crisis conditions).
    public var troughDuration: SimDuration
    /// How long the recovery takes.
    public var recoveryDuration: SimDuration
    /// The share of the fall regained over the recovery (0 = none, 1 = back to the pre-crash price).
    public var recoveryShare: Double
    /// Calm market after the recovery.
    public var calmAfter: SimDuration
    /// Conditions during the crash and at the trough.
    public var crisis: MarketConditions
    /// Conditions during the recovery.
    public var recovery: MarketConditions
    /// Sector crashes: the sectors that crash by `drop` (every other symbol falls by `marketDrop`).
    /// Empty: every symbol is affected.
    public var affectedSectors: [Sector]
    /// Sector crashes: the fall of the symbols outside `affectedSectors`.
    public var marketDrop: Double
    /// Sector crashes: the conditions of the symbols outside `affectedSectors` while the sectors crash.
    public var marketConditions: MarketConditions

    /// The defaults of `kind` (simulation.md §2).
    public init(_ kind: CrashKind) {
        self.kind = kind
        affectedSectors = []
        marketDrop = 0
        marketConditions = .calm
        switch kind {
        case .flashCrash:
            drop = 0.30
            (calmBefore, crashDuration, troughDuration, recoveryDuration, calmAfter) = (.minutes(30), .minutes(15), .minutes(1), .minutes(20), .minutes(30))
            recoveryShare = 0.8
            crisis = MarketConditions(
                volatilityMultiplier: 10, liquidity: 0.1, spreadMultiplier: 10, volumeMultiplier: 8,
                partialFillProbability: 0.5, rejectProbability: 0.05, latencyMultiplier: 5)
            recovery = MarketConditions(volatilityMultiplier: 4, liquidity: 0.4, spreadMultiplier: 3, volumeMultiplier: 3, partialFillProbability: 0.2)
        case .gradualDecline:
            drop = 0.40
            (calmBefore, crashDuration, troughDuration, recoveryDuration, calmAfter) = (.hours(1), .hours(4), .minutes(30), .hours(2), .hours(1))
            recoveryShare = 0.2
            crisis = MarketConditions(volatilityMultiplier: 3, liquidity: 0.7, spreadMultiplier: 2, volumeMultiplier: 2, partialFillProbability: 0.2)
            recovery = MarketConditions(volatilityMultiplier: 2, liquidity: 0.8, spreadMultiplier: 1.5, volumeMultiplier: 1.5, partialFillProbability: 0.1)
        case .sectorCrash:
            drop = 0.50
            (calmBefore, crashDuration, troughDuration, recoveryDuration, calmAfter) = (.hours(1), .hours(2), .minutes(30), .hours(2), .hours(1))
            recoveryShare = 0.3
            crisis = MarketConditions(volatilityMultiplier: 5, liquidity: 0.3, spreadMultiplier: 5, volumeMultiplier: 4, partialFillProbability: 0.5)
            recovery = MarketConditions(volatilityMultiplier: 3, liquidity: 0.6, spreadMultiplier: 2, volumeMultiplier: 2, partialFillProbability: 0.2)
            affectedSectors = SectorGroup.defi.members
            marketDrop = 0.15
            marketConditions = MarketConditions(volatilityMultiplier: 2, liquidity: 0.7, spreadMultiplier: 2, volumeMultiplier: 2, partialFillProbability: 0.2)
        case .blackSwan:
            drop = 0.60
            (calmBefore, crashDuration, troughDuration, recoveryDuration, calmAfter) = (.hours(1), .hours(1), .hours(1), .hours(4), .hours(1))
            recoveryShare = 0.25
            crisis = MarketConditions(
                volatilityMultiplier: 15, liquidity: 0.1, spreadMultiplier: 25, volumeMultiplier: 10,
                partialFillProbability: 0.85, rejectProbability: 0.2, latencyMultiplier: 20)
            recovery = MarketConditions(volatilityMultiplier: 5, liquidity: 0.4, spreadMultiplier: 5, volumeMultiplier: 4, partialFillProbability: 0.3)
        case .liquidityCrisis:
            drop = 0.10
            (calmBefore, crashDuration, troughDuration, recoveryDuration, calmAfter) = (.hours(1), .hours(2), .hours(1), .hours(2), .hours(1))
            recoveryShare = 0.5
            crisis = MarketConditions(
                volatilityMultiplier: 3, liquidity: 0.1, spreadMultiplier: 25, volumeMultiplier: 0.5,
                partialFillProbability: 0.85, rejectProbability: 0.1, latencyMultiplier: 3)
            recovery = MarketConditions(volatilityMultiplier: 2, liquidity: 0.5, spreadMultiplier: 5, volumeMultiplier: 0.8, partialFillProbability: 0.3)
        }
    }

    /// Checks the parameters, naming the first out of range.
    public func validate() throws(ParameterError) {
        let model = kind.name
        try ParameterError.require(model, "drop", drop, "0 ≤ drop < 1 (a drop of 100% or more is impossible)") { $0 >= 0 && $0 < 1 }
        try ParameterError.require(model, "marketDrop", marketDrop, "0 ≤ marketDrop < 1") { $0 >= 0 && $0 < 1 }
        try ParameterError.require(model, "recoveryShare", recoveryShare, "0 ≤ recoveryShare ≤ 1") { $0 >= 0 && $0 <= 1 }
        for (name, d) in [("calmBefore", calmBefore), ("troughDuration", troughDuration), ("recoveryDuration", recoveryDuration), ("calmAfter", calmAfter)]
        where d.nanoseconds < 0 {
            throw ParameterError(model: model, parameter: "\(name) (ns)", value: Double(d.nanoseconds), allowed: "≥ 0")
        }
        guard crashDuration.nanoseconds > 0 else {
            throw ParameterError(model: model, parameter: "crashDuration (ns)", value: Double(crashDuration.nanoseconds), allowed: "> 0")
        }
        try crisis.validate(model + " crisis")
        try recovery.validate(model + " recovery")
        try marketConditions.validate(model + " market")
    }

    /// The phases: calm, crash, trough, recovery, calm (phases of zero duration left out).
    public func phases() throws(ParameterError) -> [CrashPhase] {
        try validate()
        /// The move that regains `recoveryShare` of a fall of `d`: from 1 − d to 1 − d + share·d.
        func regain(_ d: Double) -> Double { (1 - d + recoveryShare * d) / (1 - d) - 1 }
        let sectorial = !affectedSectors.isEmpty
        let all: [CrashPhase] = [
            CrashPhase("calm", duration: calmBefore),
            CrashPhase(
                "crash", duration: crashDuration, move: -drop, conditions: crisis,
                marketMove: sectorial ? -marketDrop : nil, marketConditions: sectorial ? marketConditions : nil),
            CrashPhase("trough", duration: troughDuration, conditions: crisis, marketConditions: sectorial ? marketConditions : nil),
            CrashPhase(
                "recovery", duration: recoveryDuration, move: regain(drop), conditions: recovery,
                marketMove: sectorial ? regain(marketDrop) : nil, marketConditions: sectorial ? marketConditions : nil),
            CrashPhase("calm", duration: calmAfter),
        ]
        return all.filter { $0.duration.nanoseconds > 0 }
    }
}
