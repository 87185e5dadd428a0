import PropertyCheck
import Testing
import TradingChecks
import TradingVocabulary

/// The checks trade symbols of every sector and group (issue 9 §2: sectors never exercised let a
/// rule broken for them alone survive).
@Suite struct SymbolUniverseTests {
    @Test func everySectorAndGroupHasASymbol() {
        let sectors = Set(SymbolUniverse.symbols.map { SymbolSectorTable.default.sector(for: $0) })
        #expect(sectors == Set(Sector.all))
        #expect(Set(sectors.compactMap(\.group)) == Set(SectorGroup.all))
        #expect(Set(SymbolUniverse.symbols).count == SymbolUniverse.symbols.count)
    }

    /// The generator reaches every symbol, so every sector, within a few hundred draws.
    @Test func theGeneratorDrawsEverySymbol() {
        var stream = ChoiceStream(seed: 1)
        var seen = Set<Symbol>()
        for _ in 0..<2_000 {
            stream.reset(randomTail: true)
            if let symbol = try? stream.draw(SymbolUniverse.any) { seen.insert(symbol) }
        }
        #expect(seen == Set(SymbolUniverse.symbols))
    }
}
