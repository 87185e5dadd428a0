import MarketSim
import Testing

/// Pins every library scenario's reference run (crash simulator, transformers and all) and the
/// simulation version: a change that alters a generated value must raise `CrashSimulator.version`
/// and update these, with the reason.
@Suite struct LibraryPinTests {
    @Test func simulationVersion() {
        #expect(CrashSimulator.version == 3)
    }

    static let pinned: [String: String] = [
        "flash-crash-2010": "29c9ddd56683b3ab", "btc-2021-05-19": "9f4528016d9a447e", "btc-2020-03-12": "f2780bda2383a08d",
        "eth-kraken-2021-02-22": "581acaa4ad3d8cfe", "gdax-eth-2017-06-21": "c59cb79caca3ddca",
        "sol-volatility-explosion": "2f353310fb18d584", "liquidity-drain": "aa0de45342783315",
        "data-corruption-shock": "cfb815d67f48a383", "execution-crisis": "23172302fc4016ed", "black-swan-combo": "01815433a59049ca",
        "mixed-regime-chaos": "7389405e0a603df8", "model-failure": "54232e6bc952cc09",
    ]

    @Test func referenceRunsArePinned() throws {
        #expect(Set(Self.pinned.keys) == Set(ScenarioLibrary.all.map(\.name)))
        for entry in ScenarioLibrary.all {
            let fingerprint = try entry.run().fingerprint.description
            #expect(fingerprint == Self.pinned[entry.name], "\(entry.name) is now \(fingerprint)")
        }
    }
}
