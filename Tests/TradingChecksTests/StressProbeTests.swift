import Foundation
import MarketSim
import PropertyCheck
import StressRun
import Testing
@testable import TradingChecks

@Suite struct StressProbeTests {
    @Test func probe() throws {
        guard let path = ProcessInfo.processInfo.environment["PROBE"] else { return }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var stream = ChoiceStream(replaying: bytes, maxBytes: StressChecks.maxBytes)
        let c = try stream.draw(StressGen.cases())
        print(c.description)
        guard let record = c.record else { return }
        for event in record.events {
            switch event {
            case .equity, .exposure: continue
            default: print("  \(event)")
            }
        }
    }
}
