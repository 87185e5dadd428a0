/// Whether this build checks every strategy's invariants after every event: on under the
/// compile-time flag `STRESSCHECK_INVARIANT_CHECKS` (debug builds, the fuzz and CI release
/// builds), compiled out of a plain release build so that the benchmark measures the machine.
#if STRESSCHECK_INVARIANT_CHECKS
    public let strategyInvariantChecksEnabled = true
#else
    public let strategyInvariantChecksEnabled = false
#endif

/// Traps naming every broken invariant, when the checks are compiled in: a broken invariant
/// after an event is a bug in the machine, and going on would hide where it happened.
@inline(__always)
func trapOnBrokenInvariants(of machine: StaticString, _ violations: @autoclosure () -> [String]) {
    #if STRESSCHECK_INVARIANT_CHECKS
        let broken = violations()
        precondition(broken.isEmpty, "\(machine): invariants broken after an event: \(broken.joined(separator: ", "))")
    #endif
}
