import TradingVocabulary

extension SectorCaps {
    /// The health of one sector: critical above its hard limit, warning at or above its soft
    /// limit, else healthy. Healthy for every sector while no portfolio value is set.
    @inlinable public func health(of sector: Sector) -> SectorHealth {
        guard let value = portfolioValue?.value else { return .healthy }
        let exposure = Int128(sectorTotals[sector.index])
        let limits = sectorLimits[sector.index]
        if !within(exposure, limit: limits.hard, of: value) { return .critical }
        if exposure &* 10_000 >= Int128(limits.soft.value) &* Int128(value) { return .warning }
        return .healthy
    }

    /// The health of one group: critical above its combined limit, else healthy.
    @inlinable public func health(of group: SectorGroup) -> SectorHealth {
        guard let value = portfolioValue?.value else { return .healthy }
        return within(Int128(groupTotals[group.index]), limit: groupLimits[group.index], of: value) ? .healthy : .critical
    }

    /// The worst health of any sector or group.
    @inlinable public var overallHealth: SectorHealth {
        var worst = SectorHealth.healthy
        for sector in Sector.all { worst = max(worst, health(of: sector)) }
        for group in SectorGroup.all { worst = max(worst, health(of: group)) }
        return worst
    }
}
