import TradingVocabulary

/// The invariants of the risk stack (`machines.md` §5, `docs/machines.md` §5): its own, plus
/// every layer's state invariants with the layer's name as prefix (`positions.DRAIN ⇒ excess > 0`).
public enum RiskStackInvariants {
    /// Rules about one observation.
    public static let state: [Invariant<RiskStackObservation>] = own + layers.flatMap(\.invariants)

    /// The name of the first invariant of `state` that `o` violates, the same as
    /// `state.violations(of: o).first`, faster: a pulled-back invariant projects its layer's
    /// observation on every call, and this projects each layer once (the check calls it every step).
    public static func firstViolation(of o: RiskStackObservation) -> String? {
        if let name = first(of: own, violatedBy: o) { return name }
        for layer in layers { if let name = layer.firstViolation(o) { return name } }
        return nil
    }

    /// Each layer's invariants, prefixed, both as a list and as a "first violated" that projects
    /// the layer once: the one table `state` and `firstViolation(of:)` are built from. Each layer
    /// is asked through its one-pass `firstViolation(of:)` (held equal to its list's first by its
    /// tests).
    static let layers = [
        layer("tradingMode.", TradingModeInvariants.state, first: TradingModeInvariants.firstViolation(of:)) { $0.tradingMode },
        layer("superState.", SuperStateInvariants.state, first: SuperStateInvariants.firstViolation(of:)) { $0.superState },
        layer("positions.", PositionInvariants.state, first: PositionInvariants.firstViolation(of:)) { $0.positions },
        layer("sectorCaps.", SectorCapsInvariants.state, first: SectorCapsInvariants.firstViolation(of:)) { $0.sectorCaps },
    ]

    struct Layer: Sendable {
        let invariants: [Invariant<RiskStackObservation>]
        let firstViolation: @Sendable (RiskStackObservation) -> String?
    }

    static func layer<Part>(
        _ prefix: String, _ invariants: [Invariant<Part>], first: @escaping @Sendable (Part) -> String?,
        _ part: @escaping @Sendable (RiskStackObservation) -> Part
    ) -> Layer {
        Layer(
            invariants: invariants.map { $0.pulledBack(prefix: prefix, part) },
            firstViolation: { o in first(part(o)).map { prefix + $0 } })
    }

    static func first<Observation>(of invariants: [Invariant<Observation>], violatedBy o: borrowing Observation) -> String? {
        for index in invariants.indices where !invariants[index].holds(o) { return invariants[index].name }
        return nil
    }

    /// The stack's own rules, across layers.
    static let own: [Invariant<RiskStackObservation>] = [
        Invariant("same symbols in positions and holdings", "Every position has a sector holding and every holding a position.") { o in
            // Both ways round rather than two sets: a handful of symbols, checked every step.
            let positions = o.positions.positions
            let holdings = o.sectorCaps.holdings
            return positions.allSatisfy { p in holdings.contains { $0.symbol == p.symbol } }
                && holdings.allSatisfy { h in positions.contains { $0.symbol == h.symbol } }
        },
        Invariant("halt mirrored", "The trading mode is halted exactly when the super-state is in EMERGENCY_HALT.") { o in
            o.tradingMode.isHalted == (o.superState.state == .emergencyHalt)
        },
        Invariant("portfolio value set", "The stack always has a portfolio value.") { o in
            o.sectorCaps.portfolioValue != nil
        },
    ]

    /// Whether each layer, asked in order, would let `submit(symbol, amount)` through, judged
    /// from the observation before the order. Sector caps are judged after (the symbol's sector
    /// is known from its holding only once booked).
    static func tradingModeAllows(_ o: RiskStackObservation) -> Bool { o.tradingMode.state != .off }

    static func superStateAllows(_ o: RiskStackObservation, _ amount: Cents) -> Bool {
        guard let value = o.sectorCaps.portfolioValue else { return false }
        let limits = o.superState.state.limits
        let deployed = Int128(o.sectorCaps.totalExposure.value)
        return limits.allowsNewPositions
            && Int128(amount.value) * 10_000 <= Int128(limits.maxPosition.value) * Int128(value.value)
            && (deployed + Int128(amount.value)) * 10_000 <= Int128(limits.utilization.value) * Int128(value.value)
    }

    static func positionsAllow(_ o: RiskStackObservation, _ symbol: Symbol) -> Bool {
        let held = o.positions.positions.contains { $0.symbol == symbol }
        return o.positions.state == .normal && (held || o.positions.count < o.positions.cap)
    }

    /// Whether the command is a restart (a pattern match: cheaper than `==` on commands with
    /// payloads, asked several times per step).
    static func isRestart(_ command: RiskStackCommand) -> Bool {
        if case .restart = command { return true }
        return false
    }

    /// Whether the step reloaded the stack: a restart, or a faulty one whose reload was not
    /// refused (a refused reload means no restart happened).
    static func reloaded(_ command: RiskStackCommand, _ outcome: RiskStackOutcome) -> Bool {
        if case .restart = command { return true }
        if case .faultyRestart(let report) = outcome { return !report.refusedCorruptFile }
        return false
    }

    /// Rules about one step.
    public static let steps: [StepInvariant<RiskStackCommand, RiskStackOutcome, RiskStackObservation>] = [
        StepInvariant("rejection changes nothing in any layer", "A refused order leaves every layer exactly as it was.") {
            before, _, outcome, after in
            if case .decision(.rejected) = outcome { return before == after }
            return true
        },
        StepInvariant("error changes nothing in any layer", "A malformed input leaves every layer exactly as it was.") {
            before, _, outcome, after in
            if case .error = outcome { return before == after }
            return true
        },
        StepInvariant(
            "rejection names the first refusing layer", "Every layer before the one named would have let the order through, and the named one would not."
        ) {
            before, command, outcome, _ in
            guard case .submit(let symbol, let amount) = command, case .decision(.rejected(let reason)) = outcome else { return true }
            switch reason.layer {
            case .tradingMode: return !tradingModeAllows(before)
            case .superState: return tradingModeAllows(before) && !superStateAllows(before, amount)
            case .positions:
                return tradingModeAllows(before) && superStateAllows(before, amount) && !positionsAllow(before, symbol)
            case .sectorCaps:
                return tradingModeAllows(before) && superStateAllows(before, amount) && positionsAllow(before, symbol)
            }
        },
        StepInvariant(
            "accepted order passed every layer",
            "An accepted order had a running mode, room in the super-state and in position management, and leaves its sector and group within their limits."
        ) {
            before, command, outcome, after in
            guard case .submit(let symbol, let amount) = command, case .decision(.accepted) = outcome else { return true }
            guard tradingModeAllows(before), superStateAllows(before, amount), positionsAllow(before, symbol),
                let value = after.sectorCaps.portfolioValue,
                let held = after.sectorCaps.holdings.first(where: { $0.symbol == symbol })
            else { return false }
            let caps = after.sectorCaps
            let sectorOK =
                Int128(caps.exposure(of: held.sector).value) * 10_000
                <= Int128(caps.limits(for: held.sector).hard.value) * Int128(value.value)
            let groupOK =
                held.sector.group.map {
                    Int128(caps.exposure(of: $0).value) * 10_000 <= Int128(caps.groupLimit(for: $0).value) * Int128(value.value)
                } ?? true
            return sectorOK && groupOK
        },
        StepInvariant("accepted order routes by mode", "Orders go to the exchange only in LIVE_ACTIVE, to the simulation in DRY_RUN.") {
            before, _, outcome, _ in
            guard case .decision(.accepted(let route)) = outcome else { return true }
            return route == (before.tradingMode.state == .liveActive ? .exchange : .simulation)
                && before.tradingMode.state != .off
        },
        StepInvariant("accepted order books the amount", "The holding grows by the amount, a new symbol is opened, and no mode or super-state changes.") {
            before, command, outcome, after in
            guard case .submit(let symbol, let amount) = command, case .decision(.accepted) = outcome else { return true }
            let wasHeld = before.positions.positions.contains { $0.symbol == symbol }
            let grown = Int128(before.sectorCaps.holding(of: symbol)?.value ?? 0) + Int128(amount.value)
            return after.sectorCaps.holding(of: symbol).map { Int128($0.value) } == grown
                && after.positions.count == before.positions.count + (wasHeld ? 0 : 1)
                && after.positions.positions.contains { $0.symbol == symbol }
                && after.tradingMode == before.tradingMode && after.superState == before.superState
        },
        StepInvariant("restart never resumes LIVE_ACTIVE", "After a restart a persisted LIVE_ACTIVE comes back as DRY_RUN.") {
            _, command, outcome, after in
            !reloaded(command, outcome) || after.tradingMode.state != .liveActive
        },
        StepInvariant("restart restores the super-state", "The super-state is reloaded exactly.") {
            before, command, _, after in
            !isRestart(command) || after.superState == before.superState
        },
        StepInvariant("restart starts positions and holdings empty", "Positions and holdings are not persisted: they are rebuilt with adopt.") {
            _, command, outcome, after in
            !reloaded(command, outcome) || (after.positions.positions.isEmpty && after.sectorCaps.holdings.isEmpty)
        },
        StepInvariant("a refused reload changes nothing", "A state file refused as corrupt means no restart happened: every layer goes on as it was.") {
            before, _, outcome, after in
            guard case .faultyRestart(let report) = outcome, report.refusedCorruptFile else { return true }
            return after == before
        },
        StepInvariant("resume never enters LIVE_ACTIVE", "Leaving EMERGENCY_HALT clears the halt but a fresh goLive is needed.") {
            before, command, _, after in
            guard case .resume = command else { return true }
            return after.tradingMode.state != .liveActive || before.tradingMode.state == .liveActive
        },
        StepInvariant("only mode inputs, halts and restarts touch the trading mode", "Orders, positions and sector inputs never change the trading mode.") {
            before, command, _, after in
            switch command {
            case .enableDryRun, .goLive, .pause, .stop, .update, .halt, .resume, .restart, .restartAfter: return true
            default: return after.tradingMode == before.tradingMode
            }
        },
    ]
}
