import Testing
import TradingMachines
import TradingVocabulary

@Suite struct SectorCapsTests {
    /// Caps with a $10,000 portfolio (1,000,000 cents): 20% = 200,000, 35% = 350,000.
    func caps(value: Int64 = 1_000_000) throws -> SectorCaps {
        var caps = SectorCaps()
        try caps.setPortfolioValue(Cents(value))
        return caps
    }

    @Test func sectorExactlyAtHardLimitIsAllowedOneCentOverIsNot() throws {
        var caps = try caps()
        #expect(try caps.canAdd(btc, amount: 200_001) == .rejected(.sectorHardLimit(.bitcoin)))
        #expect(try caps.add(btc, amount: 200_000) == .accepted)
        #expect(caps.exposure(of: .bitcoin) == 200_000)
        #expect(try caps.add(btc, amount: 1) == .rejected(.sectorHardLimit(.bitcoin)))
        #expect(caps.exposure(of: .bitcoin) == 200_000)
        #expect(caps.health(of: .bitcoin) == .warning)
    }

    @Test func exactComparisonWithoutRounding() throws {
        var caps = try caps(value: 333)  // 20% of 333 cents is 66.6 cents
        #expect(try caps.add(eth, amount: 66) == .accepted)
        #expect(try caps.add(eth, amount: 1) == .rejected(.sectorHardLimit(.ethereum)))
    }

    @Test func groupExactlyAtLimitIsAllowedOneCentOverIsNot() throws {
        var caps = try caps()
        #expect(try caps.add(uni, amount: 200_000) == .accepted)  // defiDEX 20%
        #expect(try caps.add(aave, amount: 150_000) == .accepted)  // defiLending 15%, defi 35%
        #expect(caps.exposure(of: .defi) == 350_000)
        #expect(try caps.canAdd(sym("LDO-USD"), amount: 1) == .rejected(.groupLimit(.defi)))
        #expect(try caps.add(aave, amount: 1) == .rejected(.groupLimit(.defi)))
        #expect(caps.health(of: .defi) == .healthy)
        #expect(caps.exposure(of: .defiLending) == 150_000)
    }

    @Test func sectorLimitIsCheckedBeforeGroupLimit() throws {
        var caps = try caps()
        try caps.setGroupLimit(100, for: .layer1)
        #expect(try caps.add(sol, amount: 200_001) == .rejected(.sectorHardLimit(.layer1Alt)))
        #expect(try caps.add(sol, amount: 10_001) == .rejected(.groupLimit(.layer1)))
        #expect(try caps.add(sol, amount: 10_000) == .accepted)
    }

    @Test func noPortfolioValueRejectsAndAmountErrorsComeFirst() throws {
        var caps = SectorCaps()
        #expect(try caps.add(btc, amount: 1) == .rejected(.noPortfolioValue))
        #expect(throws: SectorCapsError.nonPositiveAmount(0)) { try caps.add(btc, amount: 0) }
        #expect(throws: SectorCapsError.nonPositiveAmount(-5)) { try caps.canAdd(btc, amount: -5) }
        #expect(throws: SectorCapsError.nonPositivePortfolioValue(0)) { try caps.setPortfolioValue(0) }
        #expect(caps.portfolioValue == nil)
        #expect(caps.overallHealth == .healthy)
    }

    @Test func unknownSymbolCountsInOther() throws {
        var caps = try caps()
        #expect(caps.sector(for: unknown) == .other)
        #expect(try caps.add(unknown, amount: 200_000) == .accepted)
        #expect(try caps.canAdd(sym("QQQ-USD"), amount: 1) == .rejected(.sectorHardLimit(.other)))
    }

    @Test func canAddAnswersExactlyWhatAddDoes() throws {
        var caps = try caps()
        try caps.setLimits(SectorLimits(soft: 500, hard: 900), for: .memeCoins)
        let candidates = [btc, eth, uni, aave, doge, sym("SHIB-USD"), sym("FET-USD"), unknown]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<2_000 {
            let symbol = candidates[step % candidates.count]
            let amount = Cents(Int64.random(in: 1...120_000, using: &generator))
            let asked = try caps.canAdd(symbol, amount: amount)
            let before = caps.exposure(of: caps.sector(for: symbol))
            let done = try caps.add(symbol, amount: amount)
            #expect(asked == done)
            #expect(caps.exposure(of: caps.sector(for: symbol)) == (done == .accepted ? Cents(before.value + amount.value) : before))
            if step % 7 == 0, let held = caps.holding(of: symbol) { try caps.reduce(symbol, amount: held) }
        }
        #expect(caps.checkInvariants() == [])
        for sector in Sector.allCases { #expect(caps.health(of: sector) != .critical) }
    }

    @Test func reduceRules() throws {
        var caps = try caps()
        _ = try caps.add(btc, amount: 1_000)
        #expect(throws: SectorCapsError.nonPositiveAmount(0)) { try caps.reduce(btc, amount: 0) }
        #expect(throws: SectorCapsError.notHeld(eth)) { try caps.reduce(eth, amount: 1) }
        #expect(throws: SectorCapsError.exceedsHolding(btc, held: 1_000, requested: 1_001)) { try caps.reduce(btc, amount: 1_001) }
        try caps.reduce(btc, amount: 400)
        #expect(caps.holding(of: btc) == 600)
        try caps.reduce(btc, amount: 600)
        #expect(caps.holding(of: btc) == nil)
        #expect(caps.totalExposure == 0)
    }

    @Test func markToMarketAlwaysAppliesAndHealthFollows() throws {
        var caps = try caps()
        _ = try caps.add(doge, amount: 149_999)
        #expect(caps.health(of: .memeCoins) == .healthy)
        try caps.markToMarket(doge, value: 150_000)
        #expect(caps.health(of: .memeCoins) == .warning)
        #expect(caps.overallHealth == .warning)
        try caps.markToMarket(doge, value: 200_000)
        #expect(caps.health(of: .memeCoins) == .warning)
        try caps.markToMarket(doge, value: 200_001)
        #expect(caps.health(of: .memeCoins) == .critical)
        #expect(caps.overallHealth == .critical)
        #expect(caps.exposure(of: .speculative) == 200_001)
        try caps.markToMarket(doge, value: 0)
        #expect(caps.holding(of: doge) == 0)
        #expect(caps.exposure(of: .speculative) == 0)
        #expect(throws: SectorCapsError.negativeValue(-1)) { try caps.markToMarket(doge, value: -1) }
        #expect(throws: SectorCapsError.notHeld(btc)) { try caps.markToMarket(btc, value: 1) }
    }

    @Test func groupOverItsLimitIsCritical() throws {
        var caps = try caps()
        _ = try caps.add(uni, amount: 200_000)
        _ = try caps.add(aave, amount: 150_000)
        try caps.markToMarket(aave, value: 150_001)
        #expect(caps.health(of: .defi) == .critical)
        #expect(caps.health(of: .defiLending) == .warning)
        #expect(caps.overallHealth == .critical)
    }

    @Test func overridesAndTheirValidation() throws {
        var caps = try caps()
        try caps.setLimits(SectorLimits(soft: 100, hard: 300), for: .bitcoin)
        #expect(caps.limits(for: .bitcoin) == SectorLimits(soft: 100, hard: 300))
        #expect(caps.limits(for: .ethereum) == .default)
        #expect(try caps.add(btc, amount: 30_001) == .rejected(.sectorHardLimit(.bitcoin)))
        #expect(throws: SectorCapsError.invalidLimits(.bitcoin, soft: 400, hard: 300)) {
            try caps.setLimits(SectorLimits(soft: 400, hard: 300), for: .bitcoin)
        }
        #expect(throws: SectorCapsError.invalidLimits(.bitcoin, soft: -1, hard: 300)) {
            try caps.setLimits(SectorLimits(soft: -1, hard: 300), for: .bitcoin)
        }
        #expect(throws: SectorCapsError.invalidLimits(.bitcoin, soft: 0, hard: 10_001)) {
            try caps.setLimits(SectorLimits(soft: 0, hard: 10_001), for: .bitcoin)
        }
        #expect(throws: SectorCapsError.invalidGroupLimit(.defi, -1)) { try caps.setGroupLimit(-1, for: .defi) }
        #expect(caps.limits(for: .bitcoin) == SectorLimits(soft: 100, hard: 300))
        #expect(caps.groupLimit(for: .defi) == 3500)
    }

    @Test func adoptRemoveAndOverflow() throws {
        var caps = SectorCaps()
        try caps.adopt(btc, value: 5_000)  // no portfolio value needed, no limit check
        #expect(caps.holding(of: btc) == 5_000)
        #expect(throws: SectorCapsError.alreadyHeld(btc)) { try caps.adopt(btc, value: 1) }
        #expect(throws: SectorCapsError.negativeValue(-1)) { try caps.adopt(eth, value: -1) }
        try caps.adopt(eth, value: Cents(Int64.max - 5_010))
        #expect(throws: SectorCapsError.overflow(sol)) { try caps.adopt(sol, value: 11) }
        #expect(throws: SectorCapsError.overflow(btc)) { try caps.markToMarket(btc, value: 5_011) }
        #expect(try caps.remove(btc) == 5_000)
        #expect(throws: SectorCapsError.notHeld(btc)) { try caps.remove(btc) }
        #expect(caps.totalExposure == Cents(Int64.max - 5_010))
        #expect(caps.checkInvariants() == [])
    }

    /// Issue 9 §1: marks and adoptions can bring the total exposure near `Int64.max` while a
    /// sector still has room under its limit; `add` then trapped on `total += amount` although
    /// `canAdd` said accepted. Both now throw `.overflow` (the model's answer), exactly at the
    /// boundary: one cent fits, two do not.
    @Test func addThatWouldOverflowTheTotalThrowsInsteadOfTrapping() throws {
        var caps = try caps(value: Int64.max)
        try caps.adopt(eth, value: Cents(Int64.max - 1))  // ethereum: a sector of its own, far over its limit
        #expect(try caps.canAdd(btc, amount: 1) == .accepted)
        #expect(throws: SectorCapsError.overflow(btc)) { try caps.canAdd(btc, amount: 2) }
        #expect(throws: SectorCapsError.overflow(btc)) { try caps.add(btc, amount: 2) }
        #expect(caps.holding(of: btc) == nil && caps.totalExposure == Cents(Int64.max - 1))
        #expect(try caps.add(btc, amount: 1) == .accepted)
        #expect(caps.totalExposure == Cents(Int64.max))
        #expect(throws: SectorCapsError.overflow(sol)) { try caps.add(sol, amount: 1) }
        #expect(throws: SectorCapsError.nonPositiveAmount(0)) { try caps.add(sol, amount: 0) }  // amount errors first
        #expect(caps.checkInvariants() == [])
    }
}
