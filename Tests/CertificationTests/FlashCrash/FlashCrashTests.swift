import Certification
@_spi(BugZoo) import StressRun

import Testing

@Suite struct FlashCrashTests {
    @Test func theStackSurvivesTheSourcesFlashCrash() throws {
        var held = 0
        for seed in UInt64(1)...4 {
            let result = try FlashCrashTest().run(seed: seed)
            #expect(result.passed, "seed \(seed): \(result)")
            // Holding when the crash began, the crash costs something (the test measured something).
            if result.heldAtCrash { #expect(result.maxDrawdown > 0, "seed \(seed)") }
            held += result.heldAtCrash ? 1 : 0
        }
        #expect(held >= 2, "the strategy held a position when the crash began on only \(held) of 4 seeds")
    }

    @Test func theGateBites() throws {
        // A drawdown gate below what the crash costs fails the run; a huge drop breaks it too.
        var test = FlashCrashTest()
        let result = try test.run(seed: 1)
        #expect(result.passed, "the standard gates pass seed 1: \(result)")
        // The crash costs at least 2 bp on seed 1, so a gate 1 bp below its drawdown is a real gate.
        try #require(result.maxDrawdown * 10_000 >= 2, "seed 1's drawdown \(result.maxDrawdown) leaves no gate below it to test")
        test.gates.maxDrawdownBasisPoints = max(1, Int64((result.maxDrawdown * 10_000).rounded(.down)) - 1)
        #expect(try !test.run(seed: 1).passed, "a gate below the crash's drawdown still passed")
    }

    @Test func aWiringBugThatFeedsStaleConditionsIsCaught() throws {
        // The executor's zoo wiring bug: the super-state fed the previous bar's conditions.
        var caught = 0
        for seed in UInt64(1)...4 {
            var test = FlashCrashTest()
            test.executor.mutation = .staleConditions
            if try !test.run(seed: seed).passed { caught += 1 }
        }
        #expect(caught > 0)
    }

    @Test func badParametersAreATypedError() {
        var test = FlashCrashTest()
        test.drop = 1.5
        #expect(throws: FlashCrashError.invalidParameters) { try test.run(seed: 1) }
    }

    @Test func theSameSeedGivesTheSameResult() throws {
        #expect(try FlashCrashTest().run(seed: 3) == FlashCrashTest().run(seed: 3))
    }
}
