#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells ThreadSanitizer about the ordering `Mutex` provides, when (and only when) the TSan
/// runtime is loaded.
///
/// On Linux, `Synchronization.Mutex` hands a contended lock over through a priority-inheritance
/// futex: the hand-over happens in the kernel, where TSan cannot see it, so TSan reports every
/// contended critical section as a race (a trivially correct counter shows it). Annotating the
/// critical section with `__tsan_acquire`/`__tsan_release` on an address owned by the lock states
/// the happens-before edge TSan missed. Without TSan the hooks are `nil`: a load and a branch.
enum ThreadSanitizerHooks {
    typealias Hook = @convention(c) (UnsafeRawPointer?) -> Void

    static let acquireHook: Hook? = lookUp("__tsan_acquire")
    static let releaseHook: Hook? = lookUp("__tsan_release")

    static func lookUp(_ name: String) -> Hook? {
        #if canImport(Glibc) || canImport(Musl)
            return dlsym(nil, name).map { unsafeBitCast($0, to: Hook.self) }
        #else
            return dlsym(UnsafeMutableRawPointer(bitPattern: -2), name).map { unsafeBitCast($0, to: Hook.self) }
        #endif
    }

    /// Call first thing inside the critical section.
    @inline(__always)
    static func acquire(_ address: UnsafeRawPointer) { acquireHook?(address) }

    /// Call last thing inside the critical section.
    @inline(__always)
    static func release(_ address: UnsafeRawPointer) { releaseHook?(address) }
}
