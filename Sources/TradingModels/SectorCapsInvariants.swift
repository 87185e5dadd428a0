import TradingVocabulary

/// The invariants of sector caps (`machines.md` §2, `docs/machines.md` §2) as named predicates.
public enum SectorCapsInvariants {
    /// Rules about one observation.
    public static let state: [Invariant<SectorCapsObservation>] = rules.indices.map { index in
        Invariant(rules[index].name, rules[index].summary) { holds(rule: index, $0) }
    }

    /// `state.violations(of: o).first`, faster: the same rules in the same order (`state` is
    /// built from `rules` and `holds(rule:_:)` too), each a direct call on the borrowed
    /// observation rather than a generic closure that takes it by copy.
    public static func firstViolation(of o: SectorCapsObservation) -> String? {
        for index in rules.indices where !holds(rule: index, o) { return rules[index].name }
        return nil
    }

    /// The rules of `state`, in its order: what each is called and says.
    static let rules: [(name: String, summary: String)] = [
        ("sector exposure = Σ holdings", "Every sector's exposure is the sum of its holdings."),
        ("group exposure = Σ sectors", "Every group's exposure is the sum of its member sectors."),
        ("total = Σ sectors", "The total exposure is the sum of every sector's."),
        ("exposures ≥ 0", "No exposure, holding or total is ever negative."),
        ("holdings sorted and unique", "Holdings are listed by symbol, each symbol once."),
        ("portfolio value > 0", "A portfolio value, once set, is positive."),
        ("limits valid", "0 ≤ soft ≤ hard ≤ 10 000 bp for every sector; 0…10 000 bp for every group."),
        ("sector health matches exposure", "critical over hard, warning at or over soft, else healthy; healthy without a portfolio value."),
        ("group health matches exposure", "critical over the group limit, else healthy; healthy without a portfolio value."),
        ("overall health is the worst", "The overall health is the worst sector or group health."),
    ]

    /// Whether `o` satisfies the rule at `index` of `rules`.
    static func holds(rule index: Int, _ o: borrowing SectorCapsObservation) -> Bool {
        switch index {
        case 0: sectorExposureIsSumOfHoldings(o)
        case 1: groupExposureIsSumOfSectors(o)
        case 2: totalIsSumOfSectors(o)
        case 3: exposuresAreNonNegative(o)
        case 4: holdingsAreSortedAndUnique(o)
        case 5: portfolioValueIsPositive(o)
        case 6: limitsAreValid(o)
        case 7: sectorHealthMatchesExposure(o)
        case 8: groupHealthMatchesExposure(o)
        case 9: overallHealthIsTheWorst(o)
        default: preconditionFailure("SectorCapsInvariants: no rule \(index)")
        }
    }

    // MARK: The rules of `state`
    // Rules over every sector visit the stored rows: a sector not stored is untouched (no
    // exposure, default limits, healthy), which satisfies each rule by itself, except where a
    // rule says otherwise below.

    static func sectorExposureIsSumOfHoldings(_ o: borrowing SectorCapsObservation) -> Bool {
        var sums = InlineArray<19, Int128>(repeating: 0)  // by `Sector.index`, on the stack
        for holding in o.holdings { sums[holding.sector.index] += Int128(holding.amount.value) }
        for row in o.sectors {
            guard Int128(row.exposure.value) == sums[row.sector.index] else { return false }
            sums[row.sector.index] = 0
        }
        return (0..<19).allSatisfy { sums[$0] == 0 }  // untouched sectors hold nothing
    }

    static func groupExposureIsSumOfSectors(_ o: borrowing SectorCapsObservation) -> Bool {
        var sums = InlineArray<3, Int128>(repeating: 0)  // by `SectorGroup.index`
        for row in o.sectors { if let group = row.sector.group { sums[group.index] += Int128(row.exposure.value) } }
        return o.groups.indices.allSatisfy { Int128(o.groups[$0].exposure.value) == sums[$0] }
    }

    static func totalIsSumOfSectors(_ o: borrowing SectorCapsObservation) -> Bool {
        Int128(o.totalExposure.value) == o.sectors.reduce(Int128(0)) { $0 + Int128($1.exposure.value) }
    }

    static func exposuresAreNonNegative(_ o: borrowing SectorCapsObservation) -> Bool {
        o.holdings.allSatisfy { $0.amount.value >= 0 } && o.sectors.allSatisfy { $0.exposure.value >= 0 }
            && o.groups.allSatisfy { $0.exposure.value >= 0 } && o.totalExposure.value >= 0
    }

    static func holdingsAreSortedAndUnique(_ o: borrowing SectorCapsObservation) -> Bool {
        zip(o.holdings, o.holdings.dropFirst()).allSatisfy { $0.symbol < $1.symbol }
    }

    static func portfolioValueIsPositive(_ o: borrowing SectorCapsObservation) -> Bool {
        o.portfolioValue.map { $0.value > 0 } ?? true
    }

    static func limitsAreValid(_ o: borrowing SectorCapsObservation) -> Bool {
        o.sectors.allSatisfy { 0 <= $0.limits.soft.value && $0.limits.soft <= $0.limits.hard && $0.limits.hard.value <= 10_000 }
            && o.groups.allSatisfy { (0...10_000).contains($0.limit.value) }
    }

    static func sectorHealthMatchesExposure(_ o: borrowing SectorCapsObservation) -> Bool {
        let value = o.portfolioValue
        for row in o.sectors where row.health != expectedHealth(row.exposure, row.limits, value) { return false }
        // Untouched sectors are healthy; right unless the value is broken (not positive).
        return o.sectors.count == 19 || expectedHealth(0, .default, value) == .healthy
    }

    static func groupHealthMatchesExposure(_ o: borrowing SectorCapsObservation) -> Bool {
        let value = o.portfolioValue
        return o.groups.allSatisfy { group in
            let over = value.map { Int128(group.exposure.value) &* 10_000 > Int128(group.limit.value) &* Int128($0.value) } ?? false
            return group.health == (over ? .critical : .healthy)
        }
    }

    static func overallHealthIsTheWorst(_ o: borrowing SectorCapsObservation) -> Bool {
        var worst = SectorHealth.healthy
        for row in o.sectors { worst = max(worst, row.health) }
        for row in o.groups { worst = max(worst, row.health) }
        return o.overallHealth == worst
    }

    /// The health rule of one sector, from its exposure, its limits and the portfolio value.
    @inline(__always)
    static func expectedHealth(_ exposure: Cents, _ limits: SectorLimits, _ portfolioValue: Cents?) -> SectorHealth {
        guard let value = portfolioValue else { return .healthy }
        // Products of `Int64`s cannot overflow 128 bits: `&*` skips the overflow checks.
        let scaled = Int128(exposure.value) &* 10_000
        if scaled > Int128(limits.hard.value) &* Int128(value.value) { return .critical }
        if scaled >= Int128(limits.soft.value) &* Int128(value.value) { return .warning }
        return .healthy
    }

    /// The symbol and amount of an `add` that was accepted, if the step is one.
    static func acceptedAdd(_ command: SectorCapsCommand, _ outcome: SectorCapsOutcome) -> (Symbol, Cents)? {
        guard case .add(let symbol, let amount) = command, outcome == .decision(.accepted) else { return nil }
        return (symbol, amount)
    }

    /// Rules about one step.
    public static let steps: [StepInvariant<SectorCapsCommand, SectorCapsOutcome, SectorCapsObservation>] = [
        StepInvariant(
            "accepted add keeps sector ≤ hard limit", "The sector hard cap: no accepted add leaves its sector above the hard limit (equal is allowed)."
        ) {
            _, command, outcome, after in
            guard let (symbol, _) = acceptedAdd(command, outcome) else { return true }
            guard let value = after.portfolioValue, let held = after.holdings.first(where: { $0.symbol == symbol }) else { return false }
            return Int128(after.exposure(of: held.sector).value) * 10_000
                <= Int128(after.limits(for: held.sector).hard.value) * Int128(value.value)
        },
        StepInvariant("accepted add keeps group ≤ group limit", "No accepted add leaves its sector's group above the group limit (equal is allowed).") {
            _, command, outcome, after in
            guard let (symbol, _) = acceptedAdd(command, outcome) else { return true }
            guard let value = after.portfolioValue, let held = after.holdings.first(where: { $0.symbol == symbol }) else { return false }
            guard let group = held.sector.group else { return true }
            return Int128(after.exposure(of: group).value) * 10_000
                <= Int128(after.groupLimit(for: group).value) * Int128(value.value)
        },
        StepInvariant("accepted add books exactly the amount", "The symbol's holding grows by the amount; no other holding moves.") {
            before, command, outcome, after in
            guard let (symbol, amount) = acceptedAdd(command, outcome) else { return true }
            let expected = Int128(before.holding(of: symbol)?.value ?? 0) + Int128(amount.value)
            return after.holding(of: symbol).map { Int128($0.value) } == expected
                && before.holdings.lazy.filter { $0.symbol != symbol }.elementsEqual(after.holdings.lazy.filter { $0.symbol != symbol })
        },
        StepInvariant("rejection is justified", "noPortfolioValue only without a value; a limit rejection only when the add would end above that limit.") {
            before, command, outcome, _ in
            guard case .decision(.rejected(let reason)) = outcome else { return true }
            let symbol: Symbol
            let amount: Cents
            switch command {
            case .add(let s, let a), .canAdd(let s, let a): (symbol, amount) = (s, a)
            default: return false
            }
            guard let value = before.portfolioValue else { return reason == .noPortfolioValue }
            let scaled = { (exposure: Cents) in (Int128(exposure.value) + Int128(amount.value)) * 10_000 }
            switch reason {
            case .noPortfolioValue: return false
            case .sectorHardLimit(let sector):
                return before.holdings.first(where: { $0.symbol == symbol }).map { $0.sector == sector } ?? true
                    && scaled(before.exposure(of: sector)) > Int128(before.limits(for: sector).hard.value) * Int128(value.value)
            case .groupLimit(let group):
                return scaled(before.exposure(of: group)) > Int128(before.groupLimit(for: group).value) * Int128(value.value)
            }
        },
        StepInvariant("rejected call changes nothing", "A rejection leaves every holding, exposure and limit as it was.") {
            before, _, outcome, after in
            if case .decision(.rejected) = outcome { return before == after }
            return true
        },
        StepInvariant("error changes nothing", "A malformed input leaves the machine as it was.") {
            before, _, outcome, after in
            if case .error = outcome { return before == after }
            return true
        },
        StepInvariant("canAdd changes nothing", "canAdd is a question.") {
            before, command, _, after in
            if case .canAdd = command { return before == after }
            return true
        },
        StepInvariant("reduce takes exactly the amount", "0 < amount ≤ held: the holding shrinks by it, and goes at exactly 0.") {
            before, command, outcome, after in
            guard case .reduce(let symbol, let amount) = command, outcome == .done else { return true }
            guard let held = before.holding(of: symbol), amount.value > 0, amount <= held else { return false }
            let left = held.value - amount.value
            return after.holding(of: symbol) == (left == 0 ? nil : Cents(left))
        },
        StepInvariant("markToMarket sets the value", "A mark always applies; a holding marked to 0 stays held.") {
            _, command, outcome, after in
            guard case .markToMarket(let symbol, let value) = command, outcome == .done else { return true }
            return after.holding(of: symbol) == value
        },
        StepInvariant("remove returns the holding", "remove returns what the holding had, and the symbol is no longer held.") {
            before, command, outcome, after in
            guard case .remove(let symbol) = command, case .removed(let amount) = outcome else { return true }
            return before.holding(of: symbol) == amount && after.holding(of: symbol) == nil
        },
        StepInvariant("portfolio value never unset", "Once set, a portfolio value stays set.") {
            before, _, _, after in
            before.portfolioValue == nil || after.portfolioValue != nil
        },
    ]
}
