import TradingMachines
import TradingVocabulary

/// SplitMix64: a small seeded generator, so that every run tests the same snapshots.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Snapshots to test the state file format with: made by the real machines from random inputs
/// (so consistent), and built by hand (every state, cause and classification, also
/// inconsistent ones, which the writer must write all the same).
enum Snapshots {
    /// The snapshot after each of `steps` random inputs to a super-state.
    static func superStates(steps: Int, random: inout SeededGenerator) -> [SuperStateSnapshot] {
        // Half the runs keep 16 entries, so that long ones drop some and write `historyDropped`.
        var machine = PortfolioSuperState(historyLimit: Bool.random(using: &random) ? 1_000 : 16)
        var snapshots = [machine.snapshot]
        for _ in 0..<steps {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: machine.halt()
            case 1: _ = try? machine.resume()
            default:
                _ = try? machine.update(
                    volatility: [0, 0.01, 0.03, 0.04, 0.05, 0.07, 0.1, 0.5].randomElement(using: &random) ?? 0,
                    drawdown: [0, 0.02, 0.05, 0.06, 0.15, 0.2, 0.31].randomElement(using: &random) ?? 0,
                    liquidity: [1, 0.5, 0.2, 0.1].randomElement(using: &random) ?? 1)
            }
            snapshots.append(machine.snapshot)
        }
        return snapshots
    }

    /// The snapshot after each of `steps` random inputs to a trading mode.
    static func tradingModes(steps: Int, random: inout SeededGenerator) -> [TradingModeSnapshot] {
        var mode = TradingMode(historyLimit: Bool.random(using: &random) ? 1_000 : 16)  // as above
        var snapshots = [mode.snapshot]
        for _ in 0..<steps {
            switch Int.random(in: 0..<6, using: &random) {
            case 0: mode.enableDryRun()
            case 1: mode.goLive(confirmed: Bool.random(using: &random))
            case 2: mode.pause()
            case 3: mode.stop()
            default: mode.setHalted(Bool.random(using: &random))
            }
            snapshots.append(mode.snapshot)
        }
        return snapshots
    }

    static let causes: [SuperStateCause] = PortfolioState.allCases.map(SuperStateCause.update) + [.halt, .resume]

    /// Every state, classification and cause, consistent or not; histories of 0, 1, 7 and 200.
    static func handMadeSuperStates(random: inout SeededGenerator) -> [SuperStateSnapshot] {
        var snapshots: [SuperStateSnapshot] = [.initial]
        for state in PortfolioState.allCases {
            for classification in [nil] + PortfolioState.allCases.map(Optional.some) {
                for length in [0, 1, 7, 200] {
                    let history = (0..<length).map { _ in
                        SuperStateTransition(
                            from: PortfolioState.allCases.randomElement(using: &random) ?? .normal,
                            to: PortfolioState.allCases.randomElement(using: &random) ?? .normal,
                            cause: causes.randomElement(using: &random) ?? .halt)
                    }
                    snapshots.append(
                        SuperStateSnapshot(
                            state: state, confirmations: [0, 1, 2, -1, Int.max, Int.min].randomElement(using: &random) ?? 0,
                            lastClassification: classification, history: history))
                }
            }
        }
        // Each cause once, in a consistent history: normal → crisis (update) → halt → resume → …
        snapshots.append(
            SuperStateSnapshot(
                state: .crisis, confirmations: 0, lastClassification: .crisis,
                history: [
                    SuperStateTransition(from: .normal, to: .crisis, cause: .update(.crisis)),
                    SuperStateTransition(from: .crisis, to: .emergencyHalt, cause: .halt),
                    SuperStateTransition(from: .emergencyHalt, to: .crisis, cause: .resume),
                ]))
        return snapshots
    }

    static func handMadeTradingModes(random: inout SeededGenerator) -> [TradingModeSnapshot] {
        let causes: [TradingModeCause] = [.enableDryRun, .goLive, .pause, .stop, .halt, .restart]
        var snapshots: [TradingModeSnapshot] = [.initial]
        for state in TradingModeState.allCases {
            for halted in [false, true] {
                for length in [0, 1, 7, 200] {
                    let history = (0..<length).map { _ in
                        TradingModeTransition(
                            from: TradingModeState.allCases.randomElement(using: &random) ?? .off,
                            to: TradingModeState.allCases.randomElement(using: &random) ?? .off,
                            cause: causes.randomElement(using: &random) ?? .halt)
                    }
                    snapshots.append(TradingModeSnapshot(state: state, isHalted: halted, history: history))
                }
            }
        }
        return snapshots
    }
}
