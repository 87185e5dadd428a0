import Testing
import TradingVocabulary

@Suite struct VocabularyTests {
    @Test(arguments: [0, 1, 3, 19, 1000])
    func arrayFillingIsArrayRepeating(count: Int) {
        #expect(Array(filling: Int64(-7), count: count) == Array(repeating: -7, count: count))
        #expect(Array(filling: "x", count: count) == Array(repeating: "x", count: count))
        #expect([Int?](filling: nil, count: count) == Array(repeating: nil, count: count))
    }

    @Test func symbolValidation() throws {
        #expect(try Symbol("BTC-USD").text == "BTC-USD")
        #expect(try Symbol("1INCH-USD").description == "1INCH-USD")
        #expect(throws: SymbolError.empty) { try Symbol("") }
        #expect(throws: SymbolError.invalidCharacter("btc", offset: 0)) { try Symbol("btc") }
        #expect(throws: SymbolError.invalidCharacter("BT C", offset: 2)) { try Symbol("BT C") }
        let longest = String(repeating: "A", count: 32)
        #expect(try Symbol(longest).text == longest)
        #expect(throws: SymbolError.tooLong(33)) { try Symbol(longest + "B") }
    }

    @Test func symbolOrderingIsLexicographic() throws {
        #expect(try Symbol("A") < Symbol("AB"))
        #expect(try Symbol("AB") < Symbol("B"))
        #expect(try Symbol("ZZZZZZZZA") < Symbol("ZZZZZZZZB"))
        #expect(try Symbol("ETH-USD") != Symbol("ETH-USDT"))
    }

    @Test func transitionTableLookupsAgree() {
        for from in PortfolioState.allCases {
            for to in PortfolioState.allCases { #expect(from.allows(to) == from.allowedTargets.contains(to), "\(from) → \(to)") }
            #expect(from.isClassification == [.normal, .cautious, .stressed, .crisis].contains(from))
        }
    }

    @Test func perSectorTablesIndexBySector() {
        #expect(Sector.all == Sector.allCases && SectorGroup.all == SectorGroup.allCases)
        var table = PerSector<Int> { $0.index }
        #expect(table.count == Sector.allCases.count && Sector.allCases.allSatisfy { table[$0] == $0.index })
        table[.other] = -1
        #expect(table[18] == -1 && table != PerSector<Int> { $0.index })
        #expect(Set(Sector.allCases.map(\.hashValue)).count == Sector.allCases.count)
        let groups = PerGroup<String> { $0.rawValue }
        #expect(Array(groups) == SectorGroup.allCases.map(\.rawValue))
    }

    @Test func nineteenSectorsAndGroups() {
        #expect(Sector.allCases.count == 19)
        #expect(Sector.allCases.map(\.index) == Array(0..<19))
        #expect(SectorGroup.defi.members == [.defiLending, .defiDEX, .defiDerivatives, .defiStaking])
        #expect(SectorGroup.layer1.members == [.layer1Alt, .layer1EVM])
        #expect(SectorGroup.speculative.members == [.memeCoins, .aiTokens, .gamingMetaverse, .nftEcosystem])
        for group in SectorGroup.allCases {
            for member in group.members { #expect(member.group == group) }
        }
        #expect(Sector.allCases.filter { $0.group == nil }.count == 9)
    }

    @Test func defaultTable() {
        let table = SymbolSectorTable.default
        #expect(table.sector(for: btc) == .bitcoin)
        #expect(table.sector(for: eth) == .ethereum)
        #expect(table.sector(for: sol) == .layer1Alt)
        #expect(table.sector(for: uni) == .defiDEX)
        #expect(table.sector(for: doge) == .memeCoins)
        #expect(table.sector(for: unknown) == .other)
        #expect(table.listed.count == 66)
    }

    @Test func limitsTable() {
        #expect(PortfolioState.normal.limits == SuperStateLimits(maxPosition: 1500, utilization: 8500, allowsNewPositions: true, riskMultiplier: 10_000))
        #expect(PortfolioState.cautious.limits == SuperStateLimits(maxPosition: 1200, utilization: 7500, allowsNewPositions: true, riskMultiplier: 8000))
        #expect(PortfolioState.stressed.limits == SuperStateLimits(maxPosition: 800, utilization: 6000, allowsNewPositions: false, riskMultiplier: 5000))
        #expect(PortfolioState.crisis.limits == SuperStateLimits(maxPosition: 500, utilization: 3000, allowsNewPositions: false, riskMultiplier: 2500))
        #expect(PortfolioState.recovery.limits == SuperStateLimits(maxPosition: 1000, utilization: 7000, allowsNewPositions: true, riskMultiplier: 7000))
        #expect(PortfolioState.emergencyHalt.limits == SuperStateLimits(maxPosition: 0, utilization: 0, allowsNewPositions: false, riskMultiplier: 0))
        #expect(!PortfolioState.crisis.allowedTargets.contains(.normal))
        #expect(PortfolioState.emergencyHalt.allowedTargets == [.recovery, .crisis])
    }
}
