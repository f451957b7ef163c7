import Bench
import LensCore

/// A response body as the runner parses it (SSE or NDJSON framing, the JSON field scanner, the
/// per-protocol interpreters), cut into chunks at fuzzed places. The first byte picks the protocol
/// and whether the response is streamed, the second the chunk size.
public enum StreamTarget {
    @Sendable public static func run(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        let protocols = WireProtocol.allCases
        let wire = protocols[Int(bytes[0]) % protocols.count]
        let streaming = bytes[0] / UInt8(protocols.count) % 4 != 0
        let chunk = max(1, Int(bytes[1]))
        let body = Array(bytes[2...])
        var replay = StreamReplay(protocol: wire, streaming: streaming)
        var offset = 0
        var now: Int64 = 0
        body.withUnsafeBufferPointer { buffer in
            while offset < buffer.count {
                let end = min(buffer.count, offset + chunk)
                replay.consume(UnsafeBufferPointer(rebasing: buffer[offset..<end]), at: now)
                offset = end
                now += 1_000_000
            }
        }
        _ = replay.finish(at: now)
    }
}
