#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The flood's time source: a monotonic clock in nanoseconds (never set back, unaffected by NTP
/// steps), and waiting until a deadline on it.
public enum FloodClock {
    /// Nanoseconds on the monotonic clock (`CLOCK_MONOTONIC`; a vDSO call on Linux, ~20 ns).
    @inline(__always)
    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec)
    }

    /// Waits until `deadline` and returns the first reading at or past it.
    ///
    /// Sleeping alone wakes up late by the timer slack and the scheduler's delay (tens of µs
    /// or more), which would be charged to the next decision; spinning alone burns a core. So
    /// it sleeps (an absolute-deadline sleep) until `spinNanoseconds` before the deadline, then
    /// spins on the clock for the rest.
    public static func wait(until deadline: Int64, spinNanoseconds: Int64) -> Int64 {
        var now = now()
        let wakeUp = deadline - spinNanoseconds
        if now < wakeUp {
            sleep(untilMonotonic: wakeUp)
            now = Self.now()
        }
        while now < deadline { now = Self.now() }
        return now
    }

    static func sleep(untilMonotonic deadline: Int64) {
        var spec = timespec(tv_sec: time_t(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        #if os(Linux)
            // Interrupted sleeps (EINTR) restart against the same absolute deadline.
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
        #else
            let remaining = deadline - now()
            guard remaining > 0 else { return }
            spec = timespec(tv_sec: time_t(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
            nanosleep(&spec, nil)
        #endif
    }
}

/// The process's resident memory, for the leak verdict.
public enum ResidentMemory {
    /// Resident bytes now, from `/proc/self/statm` (Linux; the second field, in pages); nil where
    /// that file does not exist. Reads into a stack buffer: no heap allocation.
    public static func current() -> Int64? {
        #if os(Linux)
            let descriptor = open("/proc/self/statm", O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { _ = close(descriptor) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer -> Int64? in
                guard let base = buffer.baseAddress else { return nil }
                let length = read(descriptor, base, buffer.count)
                guard length > 0 else { return nil }
                // "size resident shared text lib data dt": the second number.
                var field = 0
                var value: Int64 = 0
                var inNumber = false
                var found = false
                for byte in buffer[0..<length] {
                    if byte >= 0x30 && byte <= 0x39 {
                        if !inNumber {
                            inNumber = true
                            value = 0
                        }
                        value = value * 10 + Int64(byte - 0x30)
                    } else if inNumber {
                        inNumber = false
                        if field == 1 {
                            found = true
                            break
                        }
                        field += 1
                    }
                }
                guard found else { return nil }
                return value * Int64(sysconf(Int32(_SC_PAGESIZE)))
            }
        #else
            return nil
        #endif
    }
}

/// Scheduling of the deciding threads.
enum FloodThread {
    /// Puts the calling thread under `SCHED_FIFO` at `priority` (1 … 99); false where that is
    /// not allowed (no CAP_SYS_NICE or rtprio limit) or not Linux — the thread then keeps the
    /// normal scheduler, and the report says so.
    static func requestRealtime(priority: Int) -> Bool {
        #if os(Linux)
            var parameters = sched_param()
            parameters.sched_priority = Int32(priority)
            return pthread_setschedparam(pthread_self(), Int32(SCHED_FIFO), &parameters) == 0
        #else
            return false
        #endif
    }
}
