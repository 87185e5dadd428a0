import Foundation
import PropertyCheck
import Testing

@testable import StressCheckCommand

/// `--time`: how durations are read, what a bad one says, and what a timed run prints.
@Suite struct TimeBudgetTests {
    @Test func durationsWithUnits() throws {
        #expect(try TimeBudget.parse("30s") == .seconds(30))
        #expect(try TimeBudget.parse("5m") == .seconds(300))
        #expect(try TimeBudget.parse("1h30m") == .seconds(5_400))
        #expect(try TimeBudget.parse("500ms") == .milliseconds(500))
        #expect(try TimeBudget.parse("1m5s") == .seconds(65))
        #expect(TimeBudget.format(.seconds(90)) == "1m30s")
        #expect(TimeBudget.format(.milliseconds(250)) == "250ms")
    }

    @Test func aBadDurationSaysWhatAndWhere() {
        func problem(_ text: String) -> TimeBudgetError? {
            do {
                _ = try TimeBudget.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(problem("30") == TimeBudgetError(text: "30", position: 2, problem: .missingUnit))
        #expect(problem("5x") == TimeBudgetError(text: "5x", position: 1, problem: .unknownUnit("x")))
        #expect(problem("1.5m") == TimeBudgetError(text: "1.5m", position: 1, problem: .notWhole))
        #expect(problem("s") == TimeBudgetError(text: "s", position: 0, problem: .missingNumber))
        #expect(problem("0s") == TimeBudgetError(text: "0s", position: 0, problem: .zero))
        #expect(problem("")?.problem == .empty)
        #expect(problem("5mins")?.problem == .unknownUnit("mins"))
        #expect(problem("99999999999h")?.problem == .tooLarge)
        // The amount itself past Int64: the last digit's addition overflows, not the multiply.
        #expect(problem("9223372036854775808ms") == TimeBudgetError(text: "9223372036854775808ms", position: 0, problem: .tooLarge))
        #expect(problem("99999999999999999999s")?.problem == .tooLarge)
        #expect(problem("5x")?.description == "'5x' at character 2: unknown unit 'x' (expected ms, s, m or h)")
    }

    @Test func aBadTimeIsAUsageErrorWithExitStatus2() {
        let output = TextBuffer()
        let errors = TextBuffer()
        let status = StressCheckCommand.main(arguments: ["check", "position", "--time", "30"], console: Console(output: output, errors: errors))
        #expect(status == 2)
        #expect(errors.text.hasPrefix("error: option '--time' expects a duration: '30' at character 3: the amount needs a unit (ms, s, m or h), e.g. 30s\n"))
        #expect(output.text.isEmpty)
    }

    @Test func aTimedRunPassesOnWhatRanAndPrintsNoProgressInJSON() throws {
        let output = TextBuffer()
        let errors = TextBuffer()
        let status = StressCheckCommand.main(
            arguments: ["check", "position", "--time", "300ms", "--json", "--no-save", "--corpus", "/nonexistent-corpus-for-time-test"],
            console: Console(output: output, errors: errors, isTerminal: true))
        #expect(status == 0, "\(output.text)\(errors.text)")
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(output.text.utf8))
        #expect(document.passed)
        #expect(document.machines.first?.cases ?? 0 > 0)
        #expect(!output.text.contains("\r"), "no progress line in --json, even on a terminal")
    }

    @Test func progressShowsTheRateAndTheTimeLeft() {
        let byCases = ProgressDisplay.Budget(cases: 2_000, time: nil)
        #expect(ProgressDisplay.line(done: 0, budget: byCases, elapsed: 0) == "0 / 2,000 cases")
        #expect(ProgressDisplay.line(done: 1_000, budget: byCases, elapsed: 0.5) == "1,000 / 2,000 cases, 2,000 cases/s, ETA 0.5 s")
        let byTime = ProgressDisplay.Budget(cases: nil, time: .seconds(30))
        #expect(ProgressDisplay.line(done: 1_000, budget: byTime, elapsed: 10) == "1,000 cases, 100 cases/s, ETA 20 s")
        #expect(Format.eta(185) == "3 min 05 s")
    }

    @Test func theReplayHintKeepsTheTimeBudget() {
        var options = Options(seed: 1)
        options.time = .seconds(30)
        #expect(ReplayHint.check("position", seed: 1, options: options, defaultCases: 2_000).contains("--time 30s"))
    }
}
