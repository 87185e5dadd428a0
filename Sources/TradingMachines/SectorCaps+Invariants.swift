import TradingVocabulary

extension SectorCaps {
    /// The names of the invariants of `docs/machines.md` §2 that the current state violates;
    /// empty when all hold. Recomputes every total from the holdings.
    public func checkInvariants() -> [String] {
        var violated: [String] = []
        var sums = [Int128](repeating: 0, count: Sector.allCases.count)
        var negative = false
        for holding in book {
            sums[holding.sector.index] += Int128(holding.amount.value)
            if holding.amount.value < 0 { negative = true }
        }
        if !zip(book, book.dropFirst()).allSatisfy({ $0.symbol < $1.symbol }) { violated.append("holdings.sortedUnique") }
        if Sector.allCases.contains(where: { sums[$0.index] != Int128(sectorTotals[$0.index]) }) {
            violated.append("exposure.sectorIsSumOfHoldings")
        }
        let groupsMatch = SectorGroup.allCases.allSatisfy { group in
            group.members.reduce(Int128(0)) { $0 + Int128(sectorTotals[$1.index]) } == Int128(groupTotals[group.index])
        }
        if !groupsMatch { violated.append("exposure.groupIsSumOfSectors") }
        if sectorTotals.reduce(Int128(0), { $0 + Int128($1) }) != Int128(total) {
            violated.append("exposure.totalIsSumOfSectors")
        }
        if negative || sectorTotals.contains(where: { $0 < 0 }) || groupTotals.contains(where: { $0 < 0 }) || total < 0 {
            violated.append("exposure.nonNegative")
        }
        let limitsValid =
            sectorLimits.allSatisfy { 0 <= $0.soft.value && $0.soft <= $0.hard && $0.hard <= .whole }
            && groupLimits.allSatisfy { 0 <= $0.value && $0 <= .whole }
        if !limitsValid { violated.append("limits.valid") }
        return violated
    }
}
