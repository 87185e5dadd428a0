import TradingChecks
import Testing

/// Broken variants of position management: each is caught and shrunk to its known minimum.
@Suite struct PositionZooTests {
    /// The original bug: DRAIN at excess 0. The minimal sequence reaches count == cap and
    /// nothing more: with the default cap of 8 and no positions, `setCap(0)` does it in one step.
    @Test func drainAtExcessZero() {
        expectCaught(PositionChecks.machine(name: "zoo drain at excess 0") { PositionMutants.DrainAtExcessZero() },
                     .invariant("DRAIN ⇒ excess > 0", [".setCap(0)"]))
    }

    @Test func drainClosesWinnersFirst() {
        expectCaught(PositionChecks.machine(name: "zoo drain closes winners first") { PositionMutants.DrainClosesWinnersFirst() },
                     .invariant("cycle closes lowest PnL first", [".open(\"BTC-USD\")", ".open(\"ETH-USD\")", ".setCap(0)", ".cycle"]))
    }

    @Test func openDuringForcedUnwind() {
        expectCaught(PositionChecks.machine(name: "zoo open during forced unwind") { PositionMutants.OpenDuringForcedUnwind() },
                     .invariant("accepted open had NORMAL and count < cap", [".setForcedUnwind(true)", ".open(\"BTC-USD\")"]))
    }
}
