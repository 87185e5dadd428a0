import ExchangeSim
import ExchangeVocabulary
import MarketSim
import StressRun

/// What one broker-failure run measured, as typed values.
public struct BrokerFailureResult: Hashable, Sendable {
    public let fault: BrokerFault
    public let seed: UInt64
    /// Per outage, from the connection's return until the stack was ready again; nil when it
    /// was not ready again before the run ended.
    public let recoveryTimes: [SimDuration?]
    /// Orders that reached the venue while the link was down (must be none).
    public let sentWhileDown: [ClientOrderID]
    /// Order attempts made while the link was down that never reached the venue: refused by the
    /// client (``ExecutionFailureKind/notSent(_:)``) or rejected by the risk stack (halted for the
    /// unreachable venue, among other reasons). With none, an empty ``sentWhileDown`` says nothing.
    public let refusedWhileDown: Int
    /// Buys sent at a step when a client quote was older than the gate's data age: trading
    /// resumed (or went on) on stale data (must be none; exits may go out on any book).
    public let boughtOnStaleData: [ClientOrderID]
    /// Orders not resolved at the end of the run although sent at least the order timeout
    /// before it: lost (must be none). An order sent later may still be on its way.
    public let unresolved: [ClientOrderID]
    /// Orders sent more than once (must be none): an id sent again, or a decision sent again
    /// under a new id (``SentOrder/decision``), named by the later send's id.
    public let sentTwice: [ClientOrderID]
    /// How many orders the client sent.
    public let ordersSent: Int
    /// The run's safety violations (the books reconciling with the venue among them).
    public let violations: [SafetyViolation]

    init(fault: BrokerFault, seed: UInt64, record: RunRecord, plan: BrokerFaultPlan, maxDataAge: SimDuration, orderTimeout: SimDuration) {
        self.fault = fault
        self.seed = seed
        let start = record.start
        recoveryTimes = plan.recoveryFrom.map { offset in
            let back = start + offset
            let ready = record.steps.first { step in
                step.time >= back && step.linkUp && step.ordersReconciled && (step.oldestQuoteAge.map { $0 <= maxDataAge } ?? false)
            }
            return ready.map { $0.time - back }
        }
        let sent = record.sentOrders
        sentWhileDown = sent.filter { order in plan.down.contains { $0.contains(order.time - start) } }.map(\.order.id)
        let isDown = { (time: SimTime) in plan.down.contains { $0.contains(time - start) } }
        refusedWhileDown =
            record.executionFailures.count { failure in
                if case .notSent = failure.kind { isDown(failure.time) } else { false }
            } + record.rejections.count { isDown($0.time) }
        var stale: [ClientOrderID] = []
        var stepIndex = 0
        for order in sent where order.order.side == .buy {
            while stepIndex < record.steps.count, record.steps[stepIndex].time < order.time { stepIndex += 1 }
            guard stepIndex < record.steps.count, record.steps[stepIndex].time == order.time else { continue }
            if let age = record.steps[stepIndex].oldestQuoteAge, age > maxDataAge { stale.append(order.order.id) }
        }
        boughtOnStaleData = stale
        var seen = Set<ClientOrderID>()
        var decided = Set<Int>()
        var twice: [ClientOrderID] = []
        for order in sent {
            let newID = seen.insert(order.order.id).inserted
            let newDecision = decided.insert(order.decision).inserted
            if !newID || !newDecision { twice.append(order.order.id) }
        }
        sentTwice = twice
        ordersSent = sent.count
        let end = record.steps.last?.time ?? record.start
        var sentAt: [ClientOrderID: SimTime] = [:]
        for order in sent { sentAt[order.order.id] = sentAt[order.order.id] ?? order.time }
        unresolved = record.orders.filter { order in
            guard !Self.isResolved(order.state) else { return false }
            guard let time = sentAt[order.id] else { return true }  // the client holds an order it never sent
            return end - time >= orderTimeout
        }.map(\.id)
        violations = record.violations
    }

    /// Resolved exactly once: terminal at the venue, or known never to have arrived.
    static func isResolved(_ state: ClientOrderState) -> Bool {
        switch state {
        case .venue(let venue): venue.isTerminal
        case .notFound: true
        case .sent, .unknown: false
        }
    }

    /// Whether the run kept every rule of the test (the recovery gate is judged over many runs).
    public var keptTheRules: Bool {
        sentWhileDown.isEmpty && boughtOnStaleData.isEmpty && unresolved.isEmpty && sentTwice.isEmpty && violations.isEmpty
            && recoveryTimes.allSatisfy { $0 != nil }
    }
}

/// The broker-failure figures over many runs: the recovery-time distribution and the gate.
public struct BrokerFailureSummary: Hashable, Sendable {
    public let runs: Int
    /// Every outage's recovery time (nil: never ready again), in run order.
    public let recoveryTimes: [SimDuration?]
    public let runsBreakingRules: Int

    public init(_ results: [BrokerFailureResult]) {
        runs = results.count
        recoveryTimes = results.flatMap(\.recoveryTimes)
        runsBreakingRules = results.count { !$0.keptTheRules }
    }

    /// The mean of the recoveries that happened; nil when none did.
    public var meanRecovery: SimDuration? {
        let done = recoveryTimes.compactMap { $0 }
        guard !done.isEmpty else { return nil }
        return SimDuration(nanoseconds: done.reduce(0) { $0 + $1.nanoseconds } / Int64(done.count))
    }

    /// The longest recovery; nil when one never happened (an unbounded recovery) or none ran.
    public var maxRecovery: SimDuration? {
        guard !recoveryTimes.contains(where: { $0 == nil }) else { return nil }
        return recoveryTimes.compactMap { $0 }.max()
    }

    /// The gate: every run kept the rules, every outage recovered, and the mean recovery is
    /// within the gate's.
    public func passes(_ gates: CertificationGates) -> Bool {
        guard runsBreakingRules == 0, let mean = meanRecovery, maxRecovery != nil else { return false }
        return mean.nanoseconds <= gates.meanRecoveryNanoseconds
    }
}
