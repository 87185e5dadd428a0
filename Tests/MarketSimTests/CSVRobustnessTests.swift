import MarketSim
import Testing

/// No bytes crash the loader or the validator; what loads keeps its invariants; the writer's
/// output loads back to the same values.
@Suite struct CSVRobustnessTests {
    /// Bytes that CSV files are made of, and some that they are not.
    private static let alphabet = Array("0123456789.,;:-+/eE TZ\"\r\n\tNnaIifADPMdtOHLCVvolumehigw$".utf8) + [0x00, 0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x80]

    private static let valid = Array(
        """
        Date,Open,High,Low,Close,Adj Close,Volume
        2024-01-02T09:30:00Z,100.5,101,99.5,100,99,1200
        2024-01-02 09:31,"100",101.25,99.75,100.5,99.5,1300
        1/2/2024 9:32:00 AM,100.5,102,100,101,100,0

        1704188040,nan,101,100,100.5,,1500\r
        """.utf8)

    /// What must hold for any bytes: no trap; a load has a line per bar, increasing, inside the
    /// input; the same result in chunks; validation reports only real bars; the writer's text
    /// loads back to the same numbers.
    private func checkInvariants(_ bytes: [UInt8]) {
        let outcome = parseOutcome(bytes)
        #expect(same(chunkedOutcome(bytes, size: 5), outcome))
        guard case .success(let loaded) = outcome else { return }
        let lineCount = bytes.count(where: { $0 == 0x0A }) + 1
        #expect(loaded.lines.count == loaded.bars.count)
        #expect(zip(loaded.lines, loaded.lines.dropFirst()).allSatisfy { $0 < $1 })
        #expect(loaded.lines.allSatisfy { (1...lineCount).contains($0) })
        let report = DataValidator.validate(loaded, symbol: "X")
        #expect(report.faults.allSatisfy { $0.barIndex < loaded.bars.count && $0.line == loaded.lines[$0.barIndex] })
        let again = parseOutcome(Array(CSVWriter.text(loaded.bars).utf8))
        guard case .success(let reloaded) = again else {
            Issue.record("the writer's text does not load: \(again)")
            return
        }
        #expect(bits(reloaded.bars) == bits(loaded.bars))
    }

    @Test func randomBytesNeverCrash() {
        var random = SeededChoices(seed: 0xC5F)
        for _ in 0..<2_000 {
            let count = Int(random.choose(upTo: 200))
            let bytes = (0..<count).map { _ in Self.alphabet[Int(random.choose(upTo: UInt64(Self.alphabet.count - 1)))] }
            checkInvariants(bytes)
            checkInvariants(Array("Date,Open,High,Low,Close,Volume\n".utf8) + bytes)
        }
        for _ in 0..<300 {
            checkInvariants((0..<Int(random.choose(upTo: 300))).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
    }

    @Test func mutationsOfAValidFileNeverCrash() {
        #expect(throws: Never.self) { try CSVLoader.parse(Self.valid) }
        var random = SeededChoices(seed: 0xF11E)
        for _ in 0..<3_000 {
            var bytes = Self.valid
            for _ in 0...Int(random.choose(upTo: 3)) {
                let at = Int(random.choose(upTo: UInt64(bytes.count)))
                let byte = Self.alphabet[Int(random.choose(upTo: UInt64(Self.alphabet.count - 1)))]
                switch random.choose(upTo: 3) {
                case 0 where at < bytes.count: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                case 2 where at < bytes.count: bytes.remove(at: at)
                default: bytes.insert(contentsOf: bytes[at...].prefix(Int(random.choose(upTo: 40))), at: at)
                }
            }
            checkInvariants(bytes)
        }
    }

    @Test func writerRoundTripsEveryValue() throws {
        let time = try utc(2024, 1, 2, 9, 30, 15, nanosecond: 123_456_789)
        let bars = [
            Bar(time: time, open: 100.125, high: 1e300, low: .leastNonzeroMagnitude, close: -0.0, volume: 1e-5),
            Bar(time: try utc(1678, 1, 1), open: .nan, high: .infinity, low: -.infinity, close: 0.1 + 0.2, volume: 0),
            Bar(time: try utc(2261, 12, 31, 23, 59, 59, nanosecond: 999_999_999), open: -1, high: 2, low: 3, close: 4, volume: -5),
        ]
        let text = CSVWriter.text(bars)
        #expect(text.hasPrefix("Date,Open,High,Low,Close,Volume\n2024-01-02T09:30:15.123456789Z,100.125,1e+300,5e-324,-0.0,1e-05\n"))
        #expect(CSVWriter.row(bars[1]) == "1678-01-01T00:00:00Z,nan,inf,-inf,0.30000000000000004,0.0")
        let loaded = try load(text)
        #expect(bits(loaded.bars) == bits(bars))
        let generated = try generatedBars(
            .garch(drift: 0.1, longRunVolatility: 0.8, alpha: 0.1, beta: 0.85, degreesOfFreedom: 5),
            seed: 3, count: 500)
        #expect(bits(try load(CSVWriter.text(generated)).bars) == bits(asLoaded(generated)))
    }
}
