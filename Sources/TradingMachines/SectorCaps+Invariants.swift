import TradingVocabulary

extension SectorCaps {
    /// The names of the invariants of `docs/machines.md` §2 that the current state violates;
    /// empty when all hold. Recomputes every total from the holdings.
    ///
    /// It runs after every input under `STRESSCHECK_INVARIANT_CHECKS` (the CI and fuzz builds),
    /// so it allocates nothing but its answer, and it compares in bulk: differences and signs
    /// are folded with `|` into one value per rule, compared once. (Under the fuzzer every
    /// comparison calls back into libFuzzer; one per sector and rule made this check a fifth of
    /// the risk stack's fuzz target.) Sums are `Int128`, so no difference can overflow.
    public func checkInvariants() -> [String] {
        var violated: [String] = []
        var sums = InlineArray<19, Int128>(repeating: 0)
        var signs: Int64 = total
        var ordered = true
        for index in book.indices {
            let holding = book[index]
            sums[holding.sector.index] += Int128(holding.amount.value)
            signs |= holding.amount.value
            if index > 0, !(book[index - 1].symbol < holding.symbol) { ordered = false }
        }
        if !ordered { violated.append("holdings.sortedUnique") }
        var sectorDifference: Int128 = 0
        var groupSums = InlineArray<3, Int128>(repeating: 0)
        var sumOfSectors: Int128 = 0
        var badLimits: Int128 = 0
        let whole = Int128(BasisPoints.whole.value)
        for sector in Sector.all {
            let exposure = Int128(sectorTotals[sector.index])
            sectorDifference |= sums[sector.index] ^ exposure
            if let group = sector.group { groupSums[group.index] += exposure }
            sumOfSectors += exposure
            signs |= sectorTotals[sector.index]
            // 0 ≤ soft ≤ hard ≤ 100%: each difference is negative exactly when its rule breaks.
            let limits = sectorLimits[sector.index]
            badLimits |= Int128(limits.soft.value) | (Int128(limits.hard.value) - Int128(limits.soft.value))
            badLimits |= whole - Int128(limits.hard.value)
        }
        if sectorDifference != 0 { violated.append("exposure.sectorIsSumOfHoldings") }
        var groupDifference: Int128 = 0
        for group in SectorGroup.all {
            groupDifference |= groupSums[group.index] ^ Int128(groupTotals[group.index])
            signs |= groupTotals[group.index]
            let limit = Int128(groupLimits[group.index].value)
            badLimits |= limit | (whole - limit)
        }
        if groupDifference != 0 { violated.append("exposure.groupIsSumOfSectors") }
        if sumOfSectors != Int128(total) { violated.append("exposure.totalIsSumOfSectors") }
        if signs < 0 { violated.append("exposure.nonNegative") }
        if badLimits < 0 { violated.append("limits.valid") }
        return violated
    }
}
