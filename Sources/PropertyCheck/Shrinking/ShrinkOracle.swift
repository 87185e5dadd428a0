/// What the shrinker learns about one candidate byte string.
struct DecodedCase {
    /// The canonical bytes the case drew, zeros read past the input's end included: what shortlex
    /// order compares (so `[0, 1]` is simpler than `[1, 0]`, whose zero tail is just as long).
    var bytes: [UInt8]
    /// The same without trailing zeros: the case's identity, and what a corpus file holds.
    var key: [UInt8]
    /// The case's spans (offsets into `bytes`).
    var spans: [Span]
}

/// The verdict of running a property on one case.
public enum Verdict: Sendable, Equatable {
    /// The property held.
    case passed
    /// The property failed with this signature.
    case failed(FailureSignature)
    /// The case was discarded (a filter or an `assume`).
    case rejected
}

/// Runs candidates for the shrinker: decoding is cheap and never calls the property, so the
/// shrinker can discard a candidate that decodes to nothing simpler before paying for a call.
protocol ShrinkOracle: AnyObject {
    /// Decodes `bytes` and keeps the value for `testDecoded`; `nil` if generation rejected it.
    func decode(_ bytes: [UInt8]) -> DecodedCase?
    /// Runs the property on the case last decoded.
    func testDecoded() -> Verdict
}
