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
        let get = BlockingGet(
            url: url, headerLines: headerLines.filter { !$0.hasPrefix("Content-Type") }, timeoutSeconds: timeoutSeconds,
            connectTimeoutSeconds: 10, maxBytes: 1 << 20, stopsAtLimit: false)
        guard let response = get.perform() else {
            return Report(status: 0, transportError: "libcurl could not allocate a handle", unreachable: true, models: [])
        }
        guard response.code == CURLE_OK else {
            let unreachable = [
                CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
                CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR, CURLE_GOT_NOTHING, CURLE_RECV_ERROR,
                CURLE_SEND_ERROR,
            ].contains(response.code)
            return Report(status: response.status, transportError: response.transportMessage, unreachable: unreachable, models: [])
        }
        let models = response.status == 200 ? models(in: response.body) : []
        return Report(status: response.status, transportError: nil, unreachable: false, models: models)
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
}
