import Testing
@testable import StressCheckCommand

@Suite struct FormatTests {
    @Test func grouped() {
        #expect(Format.grouped(0) == "0")
        #expect(Format.grouped(999) == "999")
        #expect(Format.grouped(1_000) == "1,000")
        #expect(Format.grouped(1_234_567) == "1,234,567")
        #expect(Format.grouped(-12_345) == "-12,345")
    }

    @Test func rateAndPercent() {
        #expect(Format.rate(0) == "-")
        #expect(Format.rate(.nan) == "-")
        #expect(Format.rate(1_234_567.6) == "1,234,568")
        #expect(Format.percent(1, of: 3) == "33%")
        #expect(Format.percent(1, of: 1_000) == "<1%")
        #expect(Format.percent(0, of: 10) == "0%")
        #expect(Format.percent(5, of: 0) == "0%")
        #expect(Format.seconds(1.234) == "1.23 s")
        #expect(Format.count(1, "byte") == "1 byte")
        #expect(Format.count(1_024, "byte") == "1,024 bytes")
        #expect(Format.count(0, "command") == "0 commands")
    }

    @Test func replayHints() {
        #expect(
            ReplayHint.check("position", seed: 42, options: Options(), defaultCases: 2_000)
                == "swift run -c release stresscheck check position --seed 0x000000000000002A")
        #expect(
            ReplayHint.check("position", seed: 1, options: Options(cases: 2_000, steps: 20, corpus: "my corpus"), defaultCases: 2_000)
                == "swift run -c release stresscheck check position --seed 0x0000000000000001 --steps 20 --corpus 'my corpus'")
        #expect(
            ReplayHint.check("position", seed: 1, options: Options(cases: 50), defaultCases: 2_000)
                == "swift run -c release stresscheck check position --seed 0x0000000000000001 --cases 50")
        #expect(ReplayHint.replay("position", file: "it's") == "swift run -c release stresscheck replay position 'it'\\''s'")
    }
}
