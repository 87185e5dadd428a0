import Foundation

/// Integrated shrinking on the byte stream: finds a shortlex-smaller case that fails the same way.
///
/// The shrinker knows nothing of types. It edits the best failing case's bytes, guided by its
/// spans, and asks the oracle to decode and test each candidate. A candidate is accepted only if
/// its canonical bytes are strictly shortlex-smaller *and* it fails with the same
/// ``FailureSignature``, so shrinking terminates and never slips to another bug.
///
/// Budgets: `maxCalls` property calls and a wall-clock `deadline`; decoding, cache hits and
/// candidates that decode to nothing simpler cost no call.
struct Shrinker<Oracle: ShrinkOracle> {
    let oracle: Oracle
    let signature: FailureSignature
    private(set) var best: [UInt8]
    private(set) var spans: [Span]
    /// Accepted candidates.
    private(set) var steps = 0
    /// Property calls made.
    private(set) var calls = 0
    /// Why shrinking stopped early, if it did.
    private(set) var stoppedBy: ShrinkStop?
    private var verdicts: [[UInt8]: Verdict] = [:]
    private var tried: Set<[UInt8]> = []
    private let maxCalls: Int
    private let deadline: ContinuousClock.Instant
    /// Asked before every property call: true stops the shrink (an interrupted run), keeping
    /// the smallest case found so far.
    private let shouldStop: (@Sendable () -> Bool)?

    init(
        oracle: Oracle, failing: DecodedCase, signature: FailureSignature, maxCalls: Int, timeLimit: Duration,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) {
        self.oracle = oracle
        self.signature = signature
        best = failing.bytes
        spans = failing.spans
        self.maxCalls = maxCalls
        self.shouldStop = shouldStop
        deadline = .now + timeLimit
        verdicts[failing.key] = .failed(signature)
    }

    /// True once a budget is spent; every pass stops then.
    var exhausted: Bool { stoppedBy != nil }

    /// Prints every accepted step when `STRESSCHECK_TRACE_SHRINK` is set (see docs/internals.md).
    private let tracing = ProcessEnvironment.values["STRESSCHECK_TRACE_SHRINK"] != nil
    private var currentPass = ""

    /// Runs the passes until a whole round changes nothing or a budget runs out. The costlier
    /// passes (``stalledPasses``) run only when a round of the others changed nothing, each with
    /// at most ``stalledPassCalls`` property calls a round, so cases that shrink by the plain
    /// passes pay little for them.
    mutating func run() {
        while !exhausted {
            let before = best
            for pass in Self.passes {
                currentPass = pass.name
                pass.run(&self)
                if exhausted { break }
            }
            if best != before || exhausted { continue }
            for pass in Self.stalledPasses {
                currentPass = pass.name
                passCallLimit = calls + Self.stalledPassCalls
                pass.run(&self)
                passCallLimit = nil
                if exhausted { break }
            }
            if best == before { break }
        }
    }

    /// Property calls each stalled pass may make per round.
    static var stalledPassCalls: Int { 400 }
    /// While set, `consider` refuses candidates once `calls` reaches it (the pass's share).
    private var passCallLimit: Int?
    /// True once the running pass has spent its share of calls (or a budget is spent).
    var passSpent: Bool { exhausted || passCallLimit.map { calls >= $0 } ?? false }

    /// Tests a candidate; adopts it if it is simpler and fails the same way.
    @discardableResult
    mutating func consider(_ candidate: [UInt8]) -> Bool {
        if exhausted { return false }
        if let limit = passCallLimit, calls >= limit { return false }
        if calls >= maxCalls {
            stoppedBy = maxCalls == 0 ? .shrinkingOff : .callBudget(maxCalls)
            return false
        }
        if ContinuousClock.now > deadline {
            stoppedBy = .timeLimit
            return false
        }
        if let shouldStop, shouldStop() {
            stoppedBy = .interrupted
            return false
        }
        guard candidate != best, tried.insert(candidate).inserted else { return false }
        guard let decoded = oracle.decode(candidate), shortlexLess(decoded.bytes, best) else { return false }
        let verdict: Verdict
        if let known = verdicts[decoded.key] {
            verdict = known
        } else {
            calls += 1
            verdict = oracle.testDecoded()
            verdicts[decoded.key] = verdict
        }
        guard verdict == .failed(signature) else { return false }
        best = decoded.bytes
        spans = decoded.spans
        steps += 1
        if tracing {
            print(
                "shrink step \(steps) [\(currentPass)] call \(calls): \(best.count) bytes \(best.prefix(48).map { String($0, radix: 16) }.joined(separator: " "))"
            )
        }
        return true
    }

    // MARK: Byte helpers

    /// The best case's bytes, padded with zeros (the bytes it read past its end) to `count`.
    func padded(to count: Int) -> [UInt8] {
        best.count >= count ? best : best + [UInt8](repeating: 0, count: count - best.count)
    }

    /// The best case without trailing zeros: what a corpus file holds.
    var bestKey: [UInt8] {
        var n = best.count
        while n > 0 && best[n - 1] == 0 { n -= 1 }
        return Array(best[..<n])
    }

    /// The big-endian number in `range` of the best case.
    func value(at range: Range<Int>) -> UInt64 {
        var v: UInt64 = 0
        for i in range { v = v << 8 | UInt64(i < best.count ? best[i] : 0) }
        return v
    }

    /// The best case with `value` written big-endian into each of `ranges`.
    func writing(_ value: UInt64, at ranges: [Range<Int>]) -> [UInt8] {
        var bytes = padded(to: ranges.map(\.upperBound).max() ?? 0)
        for range in ranges { write(value, into: &bytes, at: range) }
        return bytes
    }

    func write(_ value: UInt64, into bytes: inout [UInt8], at range: Range<Int>) {
        if bytes.count < range.upperBound { bytes += [UInt8](repeating: 0, count: range.upperBound - bytes.count) }
        var v = value
        for i in range.reversed() {
            bytes[i] = UInt8(truncatingIfNeeded: v)
            v >>= 8
        }
    }

    /// The best case without the bytes in `range`.
    func deleting(_ range: Range<Int>) -> [UInt8] {
        let lower = min(range.lowerBound, best.count)
        let upper = min(range.upperBound, best.count)
        return Array(best[..<lower]) + best[upper...]
    }
}
