/// The HTTP side of the metrics endpoint, free of sockets: reading a request head and choosing the
/// response. One request per connection, and the server closes it after answering.
public enum MetricsHTTP {
    /// The path that serves the metrics.
    public static let metricsPath = "/metrics"

    /// One header field of a response.
    public struct HeaderField: Hashable, Sendable {
        public let name: String
        public let value: String
    }

    /// A response, ready to be written to the connection.
    public struct Response: Hashable, Sendable {
        public let status: Int
        public let reason: String
        /// Header fields in the order they are sent.
        public let headers: [HeaderField]
        public let body: [UInt8]

        /// The status line, the header fields and the body, with CRLF line ends.
        public var bytes: [UInt8] {
            var head = "HTTP/1.1 \(status) \(reason)\r\n"
            for header in headers { head += "\(header.name): \(header.value)\r\n" }
            head += "\r\n"
            return Array(head.utf8) + body
        }

        /// A response whose Content-Length is that of `body`; `sendBody: false` (a HEAD request)
        /// keeps the length but leaves the body out.
        static func make(
            _ status: Int, _ reason: String, contentType: String, body: String, sendBody: Bool = true,
            extra: [HeaderField] = []
        ) -> Response {
            let bytes = Array(body.utf8)
            let headers =
                [HeaderField(name: "Content-Type", value: contentType), HeaderField(name: "Content-Length", value: String(bytes.count))]
                + extra + [HeaderField(name: "Connection", value: "close")]
            return Response(status: status, reason: reason, headers: headers, body: sendBody ? bytes : [])
        }

        static func error(_ status: Int, _ reason: String, extra: [HeaderField] = []) -> Response {
            make(status, reason, contentType: "text/plain; charset=utf-8", body: "\(status) \(reason)\n", extra: extra)
        }
    }

    /// Where the end of the request head (the empty line) is in `bytes`: the index just past it,
    /// or nil when the head is not complete. A bare LF is accepted as a line end, as RFC 9112 allows.
    public static func endOfHead(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return index + 2 }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// The response to a complete request head (up to and including its empty line).
    ///
    /// `GET` (or `HEAD`) of ``metricsPath`` (a query string is ignored) gets 200 with the text from
    /// `metrics`; another method on it gets 405 with an `Allow` field; another path gets 404; a
    /// head that is not HTTP/1.x syntax gets 400 (an HTTP/1.1 request without `Host` too), and an
    /// HTTP version other than 1.x gets 505.
    public static func response(toHead head: [UInt8], metrics: () -> String) -> Response {
        // Lines split on bytes: as Characters, CR LF is one grapheme and would never equal LF.
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return .error(400, "Bad Request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].utf8.allSatisfy(isTokenByte), parts[1].hasPrefix("/"),
            !parts[1].utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
        else { return .error(400, "Bad Request") }
        let method = parts[0]
        let target = parts[1]
        let version = parts[2]
        guard version.hasPrefix("HTTP/"), version.count == 8,
            version.dropFirst(5).enumerated().allSatisfy({ $0.offset == 1 ? $0.element == "." : $0.element.isASCII && $0.element.isNumber })
        else {
            return .error(400, "Bad Request")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { return .error(505, "HTTP Version Not Supported") }
        var hasHost = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex, line[..<colon].utf8.allSatisfy(isTokenByte) else {
                return .error(400, "Bad Request")
            }
            if line[..<colon].lowercased() == "host" { hasHost = true }
        }
        if version == "HTTP/1.1", !hasHost { return .error(400, "Bad Request") }

        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard path == metricsPath else { return .error(404, "Not Found") }
        guard method == "GET" || method == "HEAD" else { return .error(405, "Method Not Allowed", extra: [HeaderField(name: "Allow", value: "GET, HEAD")]) }
        return .make(200, "OK", contentType: MetricsRegistry.contentType, body: metrics(), sendBody: method == "GET")
    }

    /// A byte of an HTTP token (method names, header field names): RFC 9110's tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
