#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Synchronization

/// A loopback HTTP endpoint serving `GET /metrics`, on the system's sockets (no packages).
///
/// It listens on 127.0.0.1 only, answers one request per connection and closes it, and stops by
/// itself: after ``Limits/maxRequests`` connections or when ``Limits/lifetime`` has passed,
/// whichever comes first. A request head larger than ``Limits/maxRequestBytes`` gets 431, a client
/// that sends nothing complete within ``Limits/receiveTimeout`` gets 408.
///
/// The socket is bound in `init`, so ``port`` is known (port 0 picks a free one) before serving
/// starts; ``serve()`` runs the loop on the calling thread, ``serveInBackground()`` on a thread of
/// its own.
public final class MetricsEndpoint: Sendable {
    /// The bounds of the request loop.
    public struct Limits: Hashable, Sendable {
        /// Connections handled before the loop stops (each carries at most one request).
        public var maxRequests: Int
        /// How long the loop runs at most, from the start of ``MetricsEndpoint/serve()``.
        public var lifetime: Duration
        /// The largest request head accepted, in bytes.
        public var maxRequestBytes: Int
        /// How long one connection may take to send its request head.
        public var receiveTimeout: Duration

        public init(
            maxRequests: Int = 100, lifetime: Duration = .seconds(60), maxRequestBytes: Int = 8 * 1024,
            receiveTimeout: Duration = .seconds(5)
        ) {
            self.maxRequests = maxRequests
            self.lifetime = lifetime
            self.maxRequestBytes = maxRequestBytes
            self.receiveTimeout = receiveTimeout
        }
    }

    /// Why the loop stopped.
    public enum StopReason: Hashable, Sendable {
        case requestBudget
        case lifetime
        /// `shouldStop` answered true (a signal).
        case interrupted
        /// `poll` or `accept` failed for a reason other than an interruption.
        case failed(String)
    }

    /// What the loop did: the status of each response in order (nil for a connection closed
    /// before it sent anything), and why it stopped.
    public struct Summary: Hashable, Sendable {
        public let statuses: [Int?]
        public let stopReason: StopReason

        public init(statuses: [Int?], stopReason: StopReason) {
            self.statuses = statuses
            self.stopReason = stopReason
        }
    }

    /// The port the endpoint listens on (the one the system picked, when asked for port 0).
    public let port: UInt16
    public let limits: Limits
    private let metrics: @Sendable () -> String
    /// The listening socket while it is open; nil once the loop has started or the endpoint closed.
    private let listener: Mutex<Int32?>

    /// Binds 127.0.0.1:`port` and listens; `metrics` is called for every `GET /metrics`.
    /// - Throws: ``MetricsEndpointError`` naming the port: `.portInUse`, `.bindFailed`,
    ///   `.listenFailed`, `.socketFailed`, or `.invalidLimits`.
    public init(port: UInt16, limits: Limits = Limits(), metrics: @escaping @Sendable () -> String) throws(MetricsEndpointError) {
        guard limits.maxRequests >= 1, limits.maxRequestBytes >= 64, limits.lifetime > .zero, limits.receiveTimeout > .zero else {
            throw .invalidLimits(port: port)
        }
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw .socketFailed(port: port, reason: Self.errorText()) }
        var failure: MetricsEndpointError?
        var one: Int32 = 1
        // Lets a restarted endpoint reuse a port whose old connections linger in TIME_WAIT; a port
        // with a live listener is still refused (EADDRINUSE).
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var address = sockaddr_in()
        #if canImport(Darwin)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if bound != 0 {
            failure = errno == EADDRINUSE ? .portInUse(port: port) : .bindFailed(port: port, reason: Self.errorText())
        } else if listen(descriptor, 16) != 0 {
            failure = .listenFailed(port: port, reason: Self.errorText())
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        if failure == nil {
            let named = withUnsafeMutablePointer(to: &actual) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            if named != 0 { failure = .listenFailed(port: port, reason: Self.errorText()) }
        }
        if let failure {
            close(descriptor)
            throw failure
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.limits = limits
        self.metrics = metrics
        self.listener = Mutex(descriptor)
    }

    /// An endpoint serving a registry's text as it is now.
    public convenience init(port: UInt16, limits: Limits = Limits(), registry: MetricsRegistry) throws(MetricsEndpointError) {
        let text = registry.render()
        try self.init(port: port, limits: limits, metrics: { text })
    }

    deinit {
        listener.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    /// The request loop, on the calling thread, until the request budget or the lifetime is spent,
    /// or `shouldStop` answers true (asked at least every 100 ms, and at once after a signal
    /// interrupts the wait); closes the listening socket when it returns. A second call returns at
    /// once.
    public func serve(shouldStop: @Sendable () -> Bool = { false }) -> Summary {
        guard
            let descriptor = listener.withLock({ (descriptor: inout Int32?) -> Int32? in
                defer { descriptor = nil }
                return descriptor
            })
        else { return Summary(statuses: [], stopReason: .failed("the endpoint has already served")) }
        defer { close(descriptor) }
        let clock = ContinuousClock()
        let deadline = clock.now + limits.lifetime
        var statuses: [Int?] = []
        while statuses.count < limits.maxRequests {
            let remaining = deadline - clock.now
            guard remaining > .zero else { return Summary(statuses: statuses, stopReason: .lifetime) }
            if shouldStop() { return Summary(statuses: statuses, stopReason: .interrupted) }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, Int32(min(Self.milliseconds(remaining), 100)))
            if ready < 0 {
                if errno == EINTR { continue }
                return Summary(statuses: statuses, stopReason: .failed("poll: \(Self.errorText())"))
            }
            guard ready > 0 else { continue }
            let client = accept(descriptor, nil, nil)
            if client < 0 {
                if [EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED].contains(errno) { continue }
                return Summary(statuses: statuses, stopReason: .failed("accept: \(Self.errorText())"))
            }
            statuses.append(handle(client, until: deadline))
        }
        return Summary(statuses: statuses, stopReason: .requestBudget)
    }

    /// Runs ``serve()`` on a thread of its own; the returned handle waits for its summary.
    public func serveInBackground() -> Running {
        let running = Running()
        let thread = Thread { running.finish(self.serve()) }
        thread.start()
        return running
    }

    /// A loop running in the background.
    public final class Running: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let summary = Mutex<Summary?>(nil)

        fileprivate init() {}

        fileprivate func finish(_ result: Summary) {
            summary.withLock { $0 = result }
            done.signal()
        }

        /// Blocks until the loop has stopped, and returns what it did.
        public func wait() -> Summary {
            done.wait()
            done.signal()  // later calls return at once too
            return summary.withLock { $0 } ?? Summary(statuses: [], stopReason: .failed("no summary"))
        }
    }

    /// Reads one request head from `client`, answers it and closes the connection. Returns the
    /// status sent, or nil when the client closed without sending anything.
    private func handle(_ client: Int32, until deadline: ContinuousClock.Instant) -> Int? {
        defer { close(client) }
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) & ~O_NONBLOCK)
        #if canImport(Darwin)
            var one: Int32 = 1
            _ = setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        let budget = min(limits.receiveTimeout, max(deadline - ContinuousClock().now, .milliseconds(100)))
        Self.setTimeout(client, SO_RCVTIMEO, budget)
        Self.setTimeout(client, SO_SNDTIMEO, budget)
        let connectionDeadline = ContinuousClock().now + budget

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        var response: MetricsHTTP.Response?
        while response == nil {
            if let end = MetricsHTTP.endOfHead(received) {
                response =
                    end > limits.maxRequestBytes
                    ? .error(431, "Request Header Fields Too Large") : MetricsHTTP.response(toHead: Array(received[..<end]), metrics: metrics)
                break
            }
            if received.count > limits.maxRequestBytes {
                response = .error(431, "Request Header Fields Too Large")
                break
            }
            guard ContinuousClock().now < connectionDeadline else {
                response = .error(408, "Request Timeout")
                break
            }
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += chunk[..<count]
            } else if count == 0 {
                // The client closed its side: nothing sent is no request; a partial head is a bad one.
                if received.isEmpty { return nil }
                response = .error(400, "Bad Request")
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                response = .error(408, "Request Timeout")
            } else {
                return nil
            }
        }
        guard let answer = response else { return nil }
        send(answer.bytes, to: client)
        // Close gracefully: stop sending, then drain what the client still sends for a moment, so
        // the kernel does not answer unread bytes with a reset that could destroy the response.
        shutdown(client, Int32(SHUT_WR))
        Self.setTimeout(client, SO_RCVTIMEO, .milliseconds(200))
        var drained = 0
        let drainDeadline = ContinuousClock().now + .milliseconds(500)
        while drained < 64 * 1_024, ContinuousClock().now < drainDeadline {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            drained += count
        }
        return answer.status
    }

    private func send(_ bytes: [UInt8], to client: Int32) {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                    Glibc.send(client, buffer.baseAddress.map { $0 + sent }, buffer.count - sent, flags)
                #else
                    Darwin.send(client, buffer.baseAddress.map { $0 + sent }, buffer.count - sent, flags)
                #endif
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            sent += count
        }
    }

    private static func setTimeout(_ descriptor: Int32, _ option: Int32, _ duration: Duration) {
        let microseconds = max(Self.milliseconds(duration), 1) * 1_000
        var value = timeval(tv_sec: .init(microseconds / 1_000_000), tv_usec: .init(microseconds % 1_000_000))
        _ = setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds < Int64(Int32.max / 1_000) else { return Int(Int32.max) }
        return max(0, Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

/// The endpoint could not start; every case names the port asked for.
public enum MetricsEndpointError: Error, Hashable, Sendable, CustomStringConvertible {
    case portInUse(port: UInt16)
    case bindFailed(port: UInt16, reason: String)
    case listenFailed(port: UInt16, reason: String)
    case socketFailed(port: UInt16, reason: String)
    /// A limit of zero or less (or a request size below 64 bytes).
    case invalidLimits(port: UInt16)

    public var port: UInt16 {
        switch self {
        case .portInUse(let port), .bindFailed(let port, _), .listenFailed(let port, _), .socketFailed(let port, _), .invalidLimits(let port): port
        }
    }

    public var description: String {
        switch self {
        case .portInUse(let port): "metrics endpoint: port \(port) on 127.0.0.1 is already in use"
        case .bindFailed(let port, let reason): "metrics endpoint: cannot bind 127.0.0.1:\(port): \(reason)"
        case .listenFailed(let port, let reason): "metrics endpoint: cannot listen on 127.0.0.1:\(port): \(reason)"
        case .socketFailed(let port, let reason): "metrics endpoint (port \(port)): cannot create a socket: \(reason)"
        case .invalidLimits(let port): "metrics endpoint (port \(port)): limits must be positive, and the request size at least 64 bytes"
        }
    }
}
