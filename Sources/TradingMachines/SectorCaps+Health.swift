import TradingVocabulary

extension SectorCaps {
    /// The health of one sector: critical above its hard limit, warning at or above its soft
    /// limit, else healthy. Healthy for every sector while no portfolio value is set.
    @inlinable public func health(of sector: Sector) -> SectorHealth {
        guard let value = portfolioValue?.value else { return .healthy }
        return sectorHealth(at: sector.index, value: value)
    }

    /// The health rule of the sector at `index`, given a portfolio value.
    @inlinable @inline(__always)
    func sectorHealth(at index: Int, value: Int64) -> SectorHealth {
        let limits = sectorLimits[index]
        // An empty sector, the common case (a check reads every sector's health after every
        // step): with value > 0 and 0 ≤ soft ≤ hard, nothing held is within the hard limit, and
        // at or above the soft one exactly when the soft limit is 0. (The zoo's
        // `sector-caps/empty-sector-healthy` is this shortcut forgetting that soft may be 0.)
        if sectorTotals[index] == 0 {
            assert(value > 0 && 0 <= limits.soft.value && limits.soft <= limits.hard, "SectorCaps: limits or value out of their range")
            return limits.soft.value == 0 ? .warning : .healthy
        }
        let exposure = Int128(sectorTotals[index])
        if !within(exposure, limit: limits.hard, of: value) { return .critical }
        if exposure &* 10_000 >= Int128(limits.soft.value) &* Int128(value) { return .warning }
        return .healthy
    }

    /// The health of one group: critical above its combined limit, else healthy.
    @inlinable public func health(of group: SectorGroup) -> SectorHealth {
        guard let value = portfolioValue?.value else { return .healthy }
        return within(Int128(groupTotals[group.index]), limit: groupLimits[group.index], of: value) ? .healthy : .critical
    }

    /// The worst health of any sector or group (healthy while no portfolio value is set).
    @inlinable public var overallHealth: SectorHealth {
        guard let value = portfolioValue?.value else { return .healthy }
        var worst = SectorHealth.healthy
        for index in sectorTotals.indices { worst = max(worst, sectorHealth(at: index, value: value)) }
        for index in groupTotals.indices where !within(Int128(groupTotals[index]), limit: groupLimits[index], of: value) {
            return .critical
        }
        return worst
    }
}
