/// One phase of a scenario: how long it lasts, how far prices move over it, and the market's
/// conditions while it lasts.
///
/// The move is deterministic: each bar of the phase adds `log(1 + move) / bars` to its log return,
/// on top of the price model's drift and noise. With zero choices (no noise) a phase therefore
/// moves prices by exactly `move`.
public struct CrashPhase: Hashable, Sendable {
    /// A short name for reports: `calm`, `crash`, `trough`, `recovery`, ….
    public var name: String
    /// How long the phase lasts on the virtual clock (rounded up to whole bars).
    public var duration: SimDuration
    /// The fractional price move over the phase for the affected symbols (−0.3 = a 30% fall).
    public var move: Double
    /// The conditions for the affected symbols.
    public var conditions: MarketConditions
    /// The move for symbols outside the affected sectors (sector crashes); `nil` = `move`.
    public var marketMove: Double?
    /// The conditions for symbols outside the affected sectors; `nil` = `conditions`.
    public var marketConditions: MarketConditions?

    public init(
        _ name: String, duration: SimDuration, move: Double = 0, conditions: MarketConditions = .calm,
        marketMove: Double? = nil, marketConditions: MarketConditions? = nil
    ) {
        self.name = name
        self.duration = duration
        self.move = move
        self.conditions = conditions
        self.marketMove = marketMove
        self.marketConditions = marketConditions
    }

    /// Checks the duration, moves and conditions (`index` names the phase in the error).
    func validate(index: Int) throws(ParameterError) {
        let context = "phase \(index) (\(name))"
        guard duration.nanoseconds >= 0 else {
            throw ParameterError(model: context, parameter: "duration (ns)", value: Double(duration.nanoseconds), allowed: "≥ 0")
        }
        try ParameterError.require(context, "move", move, "-1 < move ≤ 10000 (a fall of 100% or more is impossible)") { $0 > -1 && $0 <= 10_000 }
        if let marketMove {
            try ParameterError.require(context, "marketMove", marketMove, "-1 < marketMove ≤ 10000") { $0 > -1 && $0 <= 10_000 }
        }
        try conditions.validate(context)
        try marketConditions?.validate(context + " market")
    }
}
