import PropertyCheck

/// The coverage of a machine whose history is bounded (the super-state, the trading mode): a
/// case that filled the history so its oldest entry was dropped, and one that restarted with it
/// full (the dropped count saved and reloaded). The checks run the machines with a history of 2,
/// so both are common.
enum BoundedHistoryLabels {
    static func labels<Outcome, Observation>(
        dropped: @escaping @Sendable (Observation) -> Int, isRestart: @escaping @Sendable (Outcome) -> Bool
    ) -> [CaseLabel<MachineStep<Outcome, Observation>>] {
        [
            CaseLabel("history full, oldest dropped") { dropped($0.state) > 0 },
            CaseLabel("restart with a full history") { isRestart($0.outcome) && dropped($0.state) > 0 },
        ]
    }

    /// The share of cases each label must reach, in percent.
    static let coverage: [String: Double] = ["history full, oldest dropped": 5, "restart with a full history": 1]
}
