import Certification
import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loopback `/metrics` endpoint: a real scrape with curl, the error statuses, the bounded loop.
@Suite struct MetricsEndpointTests {
    static let curl: String? = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// curl's exit status and its `-i` output split into the status line, header fields and body.
    static func scrape(_ arguments: [String]) throws -> (exit: Int32, statusLine: String, headers: [String], body: String) {
        let curl = try #require(Self.curl)
        let result = try Promtool.run(curl, ["-sS", "-i", "--max-time", "10"] + arguments)
        guard let split = result.output.range(of: "\r\n\r\n") else { return (result.status, "", [], result.output) }
        let head = result.output[..<split.lowerBound].components(separatedBy: "\r\n")
        return (result.status, head.first ?? "", Array(head.dropFirst()), String(result.output[split.upperBound...]))
    }

    @Test(.enabled(if: curl != nil, "curl is not installed here"))
    func aRealScrapeWithCurlThenTheLoopStopsAfterItsBudget() throws {
        let registry = try ExpositionFormatTests.smallRegistry()
        let endpoint = try MetricsEndpoint(port: 0, limits: .init(maxRequests: 6, lifetime: .seconds(60)), registry: registry)
        #expect(endpoint.port != 0)
        let running = endpoint.serveInBackground()
        let base = "http://127.0.0.1:\(endpoint.port)"

        let ok = try Self.scrape(["\(base)/metrics"])
        #expect(ok.exit == 0)
        #expect(ok.statusLine == "HTTP/1.1 200 OK")
        #expect(ok.headers.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8"))
        #expect(ok.headers.contains("Content-Length: \(registry.render().utf8.count)"))
        #expect(ok.headers.contains("Connection: close"))
        #expect(ok.body == registry.render())

        let notFound = try Self.scrape(["\(base)/other"])
        #expect(notFound.statusLine == "HTTP/1.1 404 Not Found")
        let notAllowed = try Self.scrape(["-X", "POST", "\(base)/metrics"])
        #expect(notAllowed.statusLine == "HTTP/1.1 405 Method Not Allowed")
        #expect(notAllowed.headers.contains("Allow: GET, HEAD"))
        let malformed = try Self.scrape(["--request-target", "metrics", "\(base)/metrics"])
        #expect(malformed.statusLine == "HTTP/1.1 400 Bad Request")
        let tooLarge = try Self.scrape(["-H", "X-Filler: " + String(repeating: "a", count: 9_000), "\(base)/metrics"])
        #expect(tooLarge.statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
        let head = try Self.scrape(["--head", "\(base)/metrics?x=1"])
        #expect(head.statusLine == "HTTP/1.1 200 OK" && head.body.isEmpty)
        #expect(head.headers.contains("Content-Length: \(registry.render().utf8.count)"))

        let summary = running.wait()
        #expect(summary.statuses == [200, 404, 405, 400, 431, 200])
        #expect(summary.stopReason == .requestBudget)
        // The loop has stopped and closed its socket: nobody answers any more.
        let refused = try Self.scrape(["\(base)/metrics"])
        #expect(refused.exit == 7, "curl: couldn't connect (\(refused.body))")
    }

    @Test func theLoopStopsByItselfWhenItsLifetimeIsOver() throws {
        let endpoint = try MetricsEndpoint(port: 0, limits: .init(maxRequests: 100, lifetime: .milliseconds(300)), metrics: { "" })
        let start = ContinuousClock.now
        let summary = endpoint.serve()
        #expect(summary == MetricsEndpoint.Summary(statuses: [], stopReason: .lifetime))
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(endpoint.serve().stopReason == .failed("the endpoint has already served"))
    }

    /// A stop request (a signal) ends the loop within its 100 ms poll, long before its lifetime.
    @Test func aStopRequestEndsTheLoop() throws {
        let endpoint = try MetricsEndpoint(port: 0, limits: .init(maxRequests: 100, lifetime: .seconds(60)), metrics: { "" })
        let start = ContinuousClock.now
        let summary = endpoint.serve(shouldStop: { ContinuousClock.now - start > .milliseconds(200) })
        #expect(summary == MetricsEndpoint.Summary(statuses: [], stopReason: .interrupted))
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func aPortInUseIsATypedErrorNamingThePort() throws {
        let first = try MetricsEndpoint(port: 0, metrics: { "" })
        #expect(throws: MetricsEndpointError.portInUse(port: first.port)) { try MetricsEndpoint(port: first.port, metrics: { "" }) }
        #expect(MetricsEndpointError.portInUse(port: first.port).description.contains(String(first.port)))
        #expect(throws: MetricsEndpointError.invalidLimits(port: 0)) { try MetricsEndpoint(port: 0, limits: .init(maxRequests: 0), metrics: { "" }) }
    }

    /// Raw sockets for what curl will not do: a bare-LF head, a silent client, a half-sent head.
    @Test func silentHalfSentAndBareLineFeedClients() throws {
        let endpoint = try MetricsEndpoint(
            port: 0, limits: .init(maxRequests: 4, lifetime: .seconds(30), receiveTimeout: .milliseconds(300)),
            metrics: { "x 1\n" })
        let running = endpoint.serveInBackground()
        let bareLineFeed = try Self.exchange(port: endpoint.port, send: "GET /metrics HTTP/1.0\n\n")
        #expect(bareLineFeed.hasPrefix("HTTP/1.1 200 OK\r\n") && bareLineFeed.hasSuffix("\r\n\r\nx 1\n"))
        let silent = try Self.exchange(port: endpoint.port, send: nil)
        #expect(silent.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        let halfSent = try Self.exchange(port: endpoint.port, send: "GET /metr", closeAfterSending: true)
        #expect(halfSent.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        let noHost = try Self.exchange(port: endpoint.port, send: "GET /metrics HTTP/1.1\r\n\r\n")
        #expect(noHost.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(running.wait() == MetricsEndpoint.Summary(statuses: [200, 408, 400, 400], stopReason: .requestBudget))
    }

    @Test func responsesChosenFromTheHead() {
        func status(_ head: String) -> Int { MetricsHTTP.response(toHead: Array(head.utf8), metrics: { "m 1\n" }).status }
        #expect(status("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n") == 200)
        #expect(status("GET /metrics?name[]=a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n") == 200)
        #expect(status("DELETE /metrics HTTP/1.1\r\nHost: x\r\n\r\n") == 405)
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\n\r\n") == 404)
        #expect(status("GET /metrics/ HTTP/1.1\r\nHost: x\r\n\r\n") == 404)
        #expect(status("GET /metrics HTTP/2.0\r\nHost: x\r\n\r\n") == 505)
        for bad in [
            "\r\n\r\n", "GET /metrics\r\n\r\n", "GET  /metrics HTTP/1.1\r\n\r\n", "GET /metrics HTTP/1.1\r\nno colon\r\n\r\n",
            "GET /metrics HTTP/1.1\r\n: empty name\r\n\r\n", "G(T /metrics HTTP/1.0\r\n\r\n", "GET /metrics HTTP/1.x\r\n\r\n",
        ] {
            #expect(status(bad) == 400, "\(bad.debugDescription)")
        }
        #expect(MetricsHTTP.endOfHead(Array("GET / HTTP/1.0\r\n\r\nbody".utf8)) == 18)
        #expect(MetricsHTTP.endOfHead(Array("GET / HTTP/1.0\r\nHost: x\r\n".utf8)) == nil)
    }

    /// Connects to 127.0.0.1:`port`, sends `send` (nothing when nil), optionally closes its sending
    /// side, and returns everything the server sent until it closed.
    static func exchange(port: UInt16, send text: String?, closeAfterSending: Bool = false) throws -> String {
        #if canImport(Glibc)
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let client = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(client >= 0)
        defer { close(client) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        if let text {
            let bytes = Array(text.utf8)
            #if canImport(Glibc)
                let sent = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, 0) }
            #else
                let sent = bytes.withUnsafeBytes { Darwin.send(client, $0.baseAddress, $0.count, 0) }
            #endif
            try #require(sent == bytes.count)
        }
        if closeAfterSending { shutdown(client, Int32(SHUT_WR)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
