import CCurl
import LensCore

/// A one-off GET of a target's model-listing or health endpoint, before its first scenario.
struct HealthProbe {
    /// What the probe found.
    struct Report: Sendable, Equatable {
        /// The HTTP status, or 0 when no response came.
        var status: Int
        /// curl's message when the request failed at the transport level.
        var transportError: String?
        /// Whether the failure was a connection failure (refused, unresolvable, timed out connecting).
        var unreachable: Bool
        /// Model names listed by the endpoint (OpenAI/Anthropic `data[].id`, Ollama `models[].name`).
        var models: [String]
    }

    /// Sends the probe and waits for it (blocking; call from a thread that may block).
    static func run(url: String, headerLines: [String], timeoutSeconds: Double) -> Report {
        guard let easy = EasyHandle() else {
            return Report(status: 0, transportError: "libcurl could not allocate a handle", unreachable: true, models: [])
        }
        let headers = HeaderList(lines: headerLines.filter { !$0.hasPrefix("Content-Type") })
        let sink = BodySink()
        easy.set(CURLOPT_URL, url)
        easy.set(CURLOPT_HTTPGET, 1)
        easy.set(CURLOPT_NOSIGNAL, 1)
        easy.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headers.raw))
        easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(timeoutSeconds * 1000)))
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(timeoutSeconds, 10) * 1000)))
        easy.set(CURLOPT_WRITEFUNCTION, callback: BodySink.onData)
        let code = withExtendedLifetime(sink) {
            easy.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(sink).toOpaque())
            return curl_easy_perform(easy.raw)
        }
        let status = easy.responseCode
        guard code == CURLE_OK else {
            let message = curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
            let unreachable = [
                CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
                CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR, CURLE_GOT_NOTHING, CURLE_RECV_ERROR,
                CURLE_SEND_ERROR,
            ].contains(code)
            return Report(status: status, transportError: message, unreachable: unreachable, models: [])
        }
        return Report(status: status, transportError: nil, unreachable: false, models: status == 200 ? models(in: sink.bytes) : [])
    }

    /// Model names in a listing body; an unexpected shape lists nothing.
    static func models(in body: [UInt8]) -> [String] {
        guard let root = try? JSONParser.parse(body), case .object(let members) = root.value else { return [] }
        var names: [String] = []
        for (key, value) in members where key == "data" || key == "models" {
            guard case .array(let items) = value.value else { continue }
            for item in items {
                guard case .object(let fields) = item.value else { continue }
                for (field, node) in fields where field == "id" || field == "name" || field == "model" {
                    if case .string(let name) = node.value, !names.contains(name) { names.append(name) }
                    break
                }
            }
        }
        return names
    }

    /// Collects a response body (capped: listings are small).
    final class BodySink {
        var bytes: [UInt8] = []

        static let onData: lens_curl_data_callback = { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
            if sink.bytes.count < 1 << 20 {
                sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            }
            return length
        }
    }
}
