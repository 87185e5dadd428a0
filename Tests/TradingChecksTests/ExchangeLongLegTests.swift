import ExchangeVocabulary
import MarketSim
import PropertyCheck
import Testing
import TradingChecks
import TradingModels

/// The exchange check's clock reaches a day: a request sent with a one-day latency leg (the
/// longest the client takes) is followed, in some drawn cases, by an advance past it, so its
/// message is delivered and compared. Before, the largest advance was 600 s.
@Suite struct ExchangeLongLegTests {
    static let day = SimDuration(nanoseconds: VenueLimits.maxLatency)

    static func latency(of command: ExchangeCommand) -> LinkLatency? {
        switch command {
        case .submit(_, let latency, _), .resubmit(_, let latency, _), .cancel(_, let latency, _, _), .query(_, let latency): latency
        default: nil
        }
    }

    @Test func aOneDayLegIsDelivered() throws {
        var delivered = 0
        for seed in 0..<400 {
            var stream = ChoiceStream(seed: UInt64(seed))
            guard let sequence = try? stream.draw(ExchangeChecks.machine.sequences) else { continue }
            let commands = sequence.steps.map(\.command)
            guard let sent = commands.firstIndex(where: { Self.latency(of: $0).map { $0.out == Self.day || $0.back == Self.day } ?? false })
            else { continue }
            if commands[(sent + 1)...].contains(where: { if case .advance(let d) = $0 { d > Self.day } else { false } }) { delivered += 1 }
        }
        #expect(delivered >= 2, "a one-day leg followed by an advance past a day in \(delivered) of 400 cases")
    }
}
