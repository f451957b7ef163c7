import Bench
import Foundation
import Glibc

/// The floor a loopback client can reach on this machine: plain blocking sockets, one request of
/// 213 bytes every 0.5 ms (2,000/s, as the Poisson figure) answered by an echo thread with 300 bytes.
///
/// No curl, no event loop, no Swift concurrency: whatever spread this shows, the runner cannot beat.
enum LoopbackFloor {
    static func measure(requests: Int) -> Figure {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard ready, listen(listener, 4) == 0 else {
            return Figure(name: "loopback floor", value: "could not listen", target: "(context)", met: nil)
        }
        let echo = Thread {
            let connection = accept(listener, nil, nil)
            var one: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, 4)
            var buffer = [UInt8](repeating: 0, count: 4096)
            let reply = [UInt8](repeating: 65, count: 300)
            while recv(connection, &buffer, buffer.count, 0) > 0 { _ = send(connection, reply, reply.count, 0) }
            close(connection)
        }
        echo.start()
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, 4)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) } }
        let clock = SystemMonotonicClock()
        let request = [UInt8](repeating: 66, count: 213)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var sends: [Double] = []
        var trips: [Double] = []
        var next = clock.nanoseconds()
        for _ in 0..<requests {
            next += 500_000
            while clock.nanoseconds() < next {}
            let start = clock.nanoseconds()
            _ = send(client, request, request.count, 0)
            let sent = clock.nanoseconds()
            var received = 0
            while received < 300 {
                let count = recv(client, &buffer, buffer.count, 0)
                if count <= 0 { break }
                received += count
            }
            let done = clock.nanoseconds()
            sends.append(Double(sent - start) / 1e6)
            trips.append(Double(done - start) / 1e6)
        }
        close(client)
        close(listener)
        return Figure(
            name: "loopback floor (blocking sockets, 2,000 req/s, no curl)",
            value: String(
                format: "send() p99 %.3f ms, round trip p99 %.3f ms", quantile(sends, 0.99) ?? .nan, quantile(trips, 0.99) ?? .nan),
            target: "(context)", met: nil,
            note: String(
                format: "send() p50 %.3f ms, max %.2f ms; round trip p50 %.3f ms, max %.2f ms",
                quantile(sends, 0.5) ?? .nan, sends.max() ?? .nan, quantile(trips, 0.5) ?? .nan, trips.max() ?? .nan))
    }
}
