import ExchangeSim
import MarketSim

/// The faults of the broker-failure tests (`docs/certification.md`): what happens to the
/// connection to the simulated venue, scripted at a fixed time of a calm market so that every
/// run meets the same fault and only the market and the orders in flight differ by seed.
public enum BrokerFault: String, CaseIterable, Hashable, Sendable {
    /// The link is down for the outage length.
    case disconnect
    /// Two outages, the second starting 30 s after the first ends.
    case twoDisconnects
    /// An outage, the link back for 200 ms, then down again (a disconnect during reconnect).
    case disconnectDuringReconnect
    /// Every order reaching the venue is rejected for the outage length.
    case rejectStorm
    /// The venue's latency ramps up ×10, ×30, ×100, each for a third of the outage length
    /// (at least 1 s each).
    case latencyRamp
    /// The client's book stops updating for the outage length.
    case staleFeed

    /// The name on the command line and in reports: `disconnect`, `two-disconnects`, ….
    public var name: String {
        switch self {
        case .disconnect: "disconnect"
        case .twoDisconnects: "two-disconnects"
        case .disconnectDuringReconnect: "disconnect-during-reconnect"
        case .rejectStorm: "reject-storm"
        case .latencyRamp: "latency-ramp"
        case .staleFeed: "stale-feed"
        }
    }
}

/// Where a broker-failure run's fault lies on its clock.
struct BrokerFaultPlan {
    /// The scripted windows (none for the latency ramp, which is a market phase).
    let schedule: VenueFaultSchedule
    /// The phases of the market: calm, except the latency ramp's.
    let phases: [CrashPhase]
    /// When each outage ends (the connection's return), as offsets from the start: recovery is
    /// measured from each.
    let recoveryFrom: [SimDuration]
    /// When the link is down (no order may reach the venue then).
    let down: [FaultWindow]

    /// The plan for `fault`: `warmUp` of calm market, the fault, then `after` of calm market.
    init?(_ fault: BrokerFault, outage: SimDuration, warmUp: SimDuration, after: SimDuration) {
        // 2 ms after the warm-up's last bar: that bar's orders are on their way (the venue's
        // base latency is 5 ms), so the fault catches orders in flight.
        let start = warmUp + .milliseconds(2)
        let first = FaultWindow(start: start, length: outage)
        var windows: [FaultWindow] = []
        var storms: [FaultWindow] = []
        var stale: [FaultWindow] = []
        var phases = [CrashPhase("calm", duration: warmUp)]
        var faultSpan = outage
        switch fault {
        case .disconnect:
            windows = [first]
        case .twoDisconnects:
            windows = [first, FaultWindow(start: first.end + .seconds(30), length: outage)]
            faultSpan = outage * 2 + .seconds(30)
        case .disconnectDuringReconnect:
            windows = [first, FaultWindow(start: first.end + .milliseconds(200), length: outage)]
            faultSpan = outage * 2 + .milliseconds(200)
        case .rejectStorm:
            storms = [first]
        case .staleFeed:
            stale = [first]
        case .latencyRamp:
            let third = max(SimDuration(nanoseconds: outage.nanoseconds / 3), .seconds(1))
            phases += [10.0, 30, 100].map { multiplier in
                CrashPhase("latency ×\(Int(multiplier))", duration: third, conditions: MarketConditions(latencyMultiplier: multiplier))
            }
            faultSpan = third * 3
        }
        if fault != .latencyRamp { phases.append(CrashPhase("fault", duration: faultSpan)) }
        phases.append(CrashPhase("after", duration: after))
        let horizon = start + faultSpan + after
        guard let schedule = VenueFaultSchedule(horizon: horizon, disconnects: windows, rejectStorms: storms, staleBooks: stale) else { return nil }
        self.schedule = schedule
        self.phases = phases
        down = windows
        switch fault {
        case .twoDisconnects, .disconnectDuringReconnect: recoveryFrom = windows.map(\.end)
        case .disconnect, .rejectStorm, .staleFeed: recoveryFrom = [start + faultSpan]
        case .latencyRamp: recoveryFrom = [warmUp + faultSpan]  // the ramp's phases start with the bars
        }
    }
}
