import MarketSim
@testable import StressRun
import Testing

/// The strategies' window keeps its maximum as it goes; it must equal a rescan of the window after
/// every append, on rising, falling (a crash evicts the maximum every bar), flat and random runs.
@Suite struct CloseWindowTests {
    @Test(arguments: [1, 2, 5, 120])
    func runningMaximumEqualsARescan(capacity: Int) {
        var choices = SeededChoices(seed: UInt64(capacity))
        var window = CloseWindow(capacity: capacity)
        var all: [Double] = []
        let falling = (0..<300).map { 1_000 - Double($0) }
        let rising = (0..<300).map { Double($0) }
        let flat = [Double](repeating: 7, count: 50)
        let random = (0..<1_000).map { _ in Double(choices.choose(upTo: 40)) }
        for value in falling + rising + flat + random + falling {
            window.append(value)
            all.append(value)
            let expected = all.suffix(capacity).max() ?? -.infinity
            #expect(window.maximum == expected)
            if window.maximum != expected { return }
        }
        #expect(CloseWindow(capacity: capacity).maximum == -.infinity)
    }
}
