import MarketSim

/// The fingerprints of `Tests/MarketSimTests/FingerprintPinTests.swift`, recomputed in the
/// release build: optimization must not change a generated value.
enum Pins {
    static let expected: [(PriceModelSpec, String)] = [
        (Specs.gbm, "6d79939635b1456a"),
        (Specs.garch, "b95765374ad2497f"),
        (Specs.merton, "d1385066bf6d5927"),  // CrashSimulator.version 2: Poisson jumps
    ]

    /// The names of the models whose 1,000 bars from seed 42 differ from the pinned fingerprint.
    static func mismatches() -> [String] {
        expected.compactMap { spec, pinned in
            var generator = Specs.generator(spec, interval: .minutes(1))
            var choices = SeededChoices(seed: 42)
            var fingerprint = Fingerprint()
            for _ in 0..<1_000 { fingerprint.combine(generator.next(choices: &choices)) }
            return fingerprint.description == pinned ? nil : "\(spec.name) \(fingerprint)"
        }
    }
}
