#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A monotonic clock cheap enough to read around every property call (a few nanoseconds, with a
/// resolution of a few milliseconds): deadlines of tens of milliseconds need no more.
enum CoarseClock {
    static func nanoseconds() -> UInt64 {
        #if canImport(Glibc)
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC_COARSE, &ts)
            return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
        #elseif canImport(Darwin)
            return clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW_APPROX)
        #else
            return 0
        #endif
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
