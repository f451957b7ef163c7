import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a test saw of one HTTP response, read with a plain blocking socket so that resets,
/// stalls, truncated streams and raw (possibly invalid) bytes are all visible.
struct HTTPExchange: Sendable {
    /// Status code, 0 if no head arrived.
    var status = 0
    /// Header fields with lower-cased names.
    var headers: [(name: String, value: String)] = []
    /// The body with any chunked framing removed.
    var body: [UInt8] = []
    /// Whether the response ended as its framing says (Content-Length reached, last chunk read).
    var complete = false
    /// `errno` of a failed read (e.g. ECONNRESET), if any.
    var readError: Int32?
    /// Whether the read timed out before the response was complete.
    var timedOut = false
    /// Time from sending the request to the arrival of the response head.
    var headAfter: Duration?
    /// For each chunk of a chunked body: its arrival time after the request was sent, and its bytes.
    var chunks: [(after: Duration, bytes: [UInt8])] = []

    /// The first value of a header.
    func header(_ name: String) -> String? {
        headers.first { $0.name == name.lowercased() }?.value
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw TestFailure("body is not a JSON object: \(text)")
        }
        return object
    }
}

/// A test failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A blocking HTTP/1.1 client connection to 127.0.0.1, enough for tests.
final class TestConnection {
    private let fd: CInt
    private var buffer: [UInt8] = []
    private var eof = false

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let e = errno
            close(fd)
            throw TestFailure("connect: errno \(e)")
        }
        var one: CInt = 1
        setsockopt(fd, CInt(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<CInt>.size))
    }

    deinit {
        close(fd)
    }

    /// Sends a request; returns the time it was sent.
    @discardableResult
    func send(
        method: String, path: String, body: String? = nil, headers: [(String, String)] = []
    ) -> ContinuousClock.Instant {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        let bytes = Array(text.utf8)
        let sent = ContinuousClock.now
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { socketSend(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
        return sent
    }

    /// Sends raw bytes as they are.
    func sendRaw(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { socketSend(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
    }

    /// Reads one response, giving up when no byte arrives for `idleTimeout`.
    func readResponse(sentAt sent: ContinuousClock.Instant, idleTimeout: Duration = .seconds(10)) -> HTTPExchange {
        var exchange = HTTPExchange()
        // Head.
        var headEnd: Int?
        while headEnd == nil {
            headEnd = find([13, 10, 13, 10], in: buffer)
            if headEnd == nil, !fill(&exchange, idleTimeout) { return exchange }
        }
        guard let headEnd else { return exchange }
        exchange.headAfter = ContinuousClock.now - sent
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        exchange.status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            exchange.headers.append(
                (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        if (100..<200).contains(exchange.status) || exchange.status == 204 || exchange.status == 304 {
            exchange.complete = true
        } else if exchange.header("transfer-encoding")?.lowercased() == "chunked" {
            readChunked(&exchange, sent: sent, idleTimeout: idleTimeout)
        } else if let length = exchange.header("content-length").flatMap(Int.init) {
            while buffer.count < length {
                if !fill(&exchange, idleTimeout) { break }
            }
            exchange.body = Array(buffer.prefix(length))
            buffer.removeFirst(min(length, buffer.count))
            exchange.complete = exchange.body.count == length
        } else {
            while fill(&exchange, idleTimeout) {}
            exchange.body = buffer
            buffer = []
            exchange.complete = eof
        }
        return exchange
    }

    private func readChunked(_ exchange: inout HTTPExchange, sent: ContinuousClock.Instant, idleTimeout: Duration) {
        while true {
            var lineEnd = find([13, 10], in: buffer)
            while lineEnd == nil {
                if !fill(&exchange, idleTimeout) { return }
                lineEnd = find([13, 10], in: buffer)
            }
            guard let lineEnd else { return }
            let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return }
            buffer.removeFirst(lineEnd + 2)
            while buffer.count < size + 2 {
                if !fill(&exchange, idleTimeout) { return }
            }
            if size == 0 {
                buffer.removeFirst(2)
                exchange.complete = true
                return
            }
            let data = Array(buffer[..<size])
            exchange.chunks.append((ContinuousClock.now - sent, data))
            exchange.body += data
            buffer.removeFirst(size + 2)
        }
    }

    /// Reads more bytes; false on EOF, error or timeout (recorded in the exchange).
    private func fill(_ exchange: inout HTTPExchange, _ idleTimeout: Duration) -> Bool {
        if eof { return false }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(idleTimeout.components.seconds * 1000 + idleTimeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = poll(&pfd, 1, ms)
        if ready == 0 {
            exchange.timedOut = true
            return false
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            exchange.readError = errno
            return false
        }
        if n == 0 {
            eof = true
            return false
        }
        buffer += chunk[..<n]
        return true
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<i + needle.count]) == needle { return i }
        }
        return nil
    }
}

/// Sends one request on a fresh connection from a dedicated thread (blocking I/O must not sit on
/// the cooperative pool) and returns what came back.
func exchange(
    port: Int, _ path: String, method: String = "POST", body: String? = nil, headers: [(String, String)] = [],
    idleTimeout: Duration = .seconds(10)
) async throws -> HTTPExchange {
    try await onThread {
        let connection = try TestConnection(port: port)
        let sent = connection.send(method: method, path: path, body: body, headers: headers)
        return connection.readResponse(sentAt: sent, idleTimeout: idleTimeout)
    }
}

/// Runs blocking work on a dedicated thread and returns its result.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let thread = Thread {
            do {
                continuation.resume(returning: try work())
            } catch {
                continuation.resume(throwing: error)
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

private func socketSend(_ fd: CInt, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
    send(fd, p, n, Int32(MSG_NOSIGNAL))
}
