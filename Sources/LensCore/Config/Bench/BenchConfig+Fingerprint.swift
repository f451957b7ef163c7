/// A stable digest of the benchmark-relevant settings, written to `run.config_fingerprint`.
///
/// Two runs with the same fingerprint offered the same load with the same workloads to targets
/// configured the same way, so their results may be compared. Included: every target's name,
/// provider, protocol, URLs, model, header *names* and API version; every workload; every
/// scenario's target, workload, load and abort policy, and for an interleaved A/B scenario its
/// baseline target and block size (written only then, so other configs keep their fingerprint);
/// every scenario's SLO (written only when set: goodput under another SLO is another benchmark);
/// the run seed. Excluded: credentials and header values (they may hold secrets), pricing (a
/// price change alters only `cost_usd`), the hardware tag (recorded separately under
/// `run.host`), an embedded simulator's port and latency profile (it plays the system under test),
/// the size caps `max_event_size`/`max_response_size` (they protect the client, not the load),
/// a target's `engine_metrics` (the scrapes observe the server, two GETs per scenario outside the
/// measured requests) and the `gate:` section. Prompt files are included by path, not content.
///
/// The digest is FNV-1a 64 (Fowler–Noll–Vo, offset basis 0xcbf29ce484222325, prime
/// 0x100000001b3) over a canonical text with one line per setting, written `fnv1a64:` followed
/// by 16 lowercase hex digits. It detects accidental differences; it is not a cryptographic hash.
extension BenchConfig {
    /// The fingerprint, e.g. `fnv1a64:9c2f0d3e4b5a6978`.
    public var fingerprint: String {
        let digest = Self.fnv1a64(Array(canonicalText.utf8))
        let hex = String(digest, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The canonical text that is hashed (one `key=value` per line; stable across releases unless the format is bumped).
    public var canonicalText: String {
        var lines = ["format=1", "seed=\(run.seed)"]
        for target in targets {
            let headers = target.headers.map(\.name).sorted().joined(separator: ",")
            lines.append(
                "target \(quoted(target.name)) provider=\(target.provider.rawValue) protocol=\(target.wireProtocol.rawValue) "
                    + "url=\(quoted(target.identifyingURL)) model=\(quoted(target.model)) "
                    + "api_version=\(quoted(target.apiVersion ?? "")) headers=\(quoted(headers))")
        }
        for workload in workloads {
            lines.append(
                "workload \(quoted(workload.name)) source=\(describe(workload.source)) system=\(quoted(workload.system ?? "")) "
                    + "max_tokens=\(workload.maxTokens) temperature=\(workload.temperature.map { "\($0)" } ?? "-") "
                    + "seed=\(workload.seed.map { "\($0)" } ?? "-") stream=\(workload.stream) ignore_eos=\(workload.ignoreEOS)")
        }
        for scenario in scenarios {
            let load = scenario.load
            lines.append(
                "scenario \(quoted(scenario.name)) target=\(quoted(scenario.target)) workload=\(quoted(scenario.workload)) "
                    + "mode=\(load.mode.rawValue) concurrency=\(load.concurrency) rate=\(load.rate.map { "\($0)" } ?? "-") "
                    + "arrival=\(load.arrival.rawValue) burstiness=\(load.burstiness) burst_size=\(load.burstSize) "
                    + "requests=\(load.requests.map { "\($0)" } ?? "-") duration=\(load.durationSeconds.map { "\($0)" } ?? "-") "
                    + "warmup=\(load.warmup) timeout=\(load.timeoutSeconds) max_in_flight=\(load.maxInFlight) "
                    + "max_error_rate=\(scenario.abort.maxErrorRate) min_requests=\(scenario.abort.minRequests)"
                    + (scenario.baselineTarget.map { " baseline_target=\(quoted($0)) block_size=\(scenario.effectiveBlockSize)" } ?? "")
                    + (scenario.slo.map { " slo=\($0.canonicalText)" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The settings a baseline is compared on, field by field (see `FingerprintFields` for what
    /// is in and what is deliberately out, such as the endpoint's host and port).
    public var fingerprintFields: FingerprintFields {
        var fields = FingerprintFields(run: ["seed": "\(run.seed)"])
        for scenario in scenarios {
            var values: [String: String] = [:]
            if let target = target(named: scenario.target) { Self.describe(target, as: "target", into: &values) }
            if let name = scenario.baselineTarget, let baseline = target(named: name) {
                Self.describe(baseline, as: "baseline_target", into: &values)
                values["block_size"] = "\(scenario.effectiveBlockSize)"
            }
            if let workload = workload(named: scenario.workload) {
                values["workload.prompts"] = describe(workload.source)
                values["workload.system"] = workload.system ?? "-"
                values["workload.max_tokens"] = "\(workload.maxTokens)"
                values["workload.temperature"] = workload.temperature.map { "\($0)" } ?? "-"
                values["workload.seed"] = workload.seed.map { "\($0)" } ?? "-"
                values["workload.stream"] = "\(workload.stream)"
                values["workload.ignore_eos"] = "\(workload.ignoreEOS)"
            }
            let load = scenario.load
            values["load.mode"] = load.mode.rawValue
            values["load.concurrency"] = "\(load.concurrency)"
            values["load.rate"] = load.rate.map { "\($0)" } ?? "-"
            values["load.arrival"] = load.arrival.rawValue
            values["load.burstiness"] = "\(load.burstiness)"
            values["load.burst_size"] = "\(load.burstSize)"
            values["load.requests"] = load.requests.map { "\($0)" } ?? "-"
            values["load.duration"] = load.durationSeconds.map { "\($0)s" } ?? "-"
            values["load.warmup"] = "\(load.warmup)"
            values["load.timeout"] = "\(load.timeoutSeconds)s"
            values["load.max_in_flight"] = "\(load.maxInFlight)"
            for part in scenario.slo?.parts ?? [] {
                values["slo." + part.rawValue] = scenario.slo?[part].map(ServiceLevelObjective.format)
            }
            fields.scenarios[scenario.name] = values
        }
        return fields
    }

    /// A target's compared settings under `prefix`: the URL contributes only its path.
    private static func describe(_ target: TargetConfig, as prefix: String, into values: inout [String: String]) {
        values[prefix + ".provider"] = target.provider.rawValue
        values[prefix + ".protocol"] = target.wireProtocol.rawValue
        values[prefix + ".model"] = target.model
        values[prefix + ".api_version"] = target.apiVersion ?? "-"
        values[prefix + ".path"] =
            target.provider == .simulator ? "embedded-simulator" : BaseURL.path(of: target.generationURL(streaming: true))
    }

    /// FNV-1a, 64-bit: for each byte, xor it into the hash, then multiply by the FNV prime (wrapping).
    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The FNV-1a 64 digest of bytes (also used to derive stable per-scenario seeds from names).
    public static func digest(_ bytes: [UInt8]) -> UInt64 { fnv1a64(bytes) }

    private func quoted(_ text: String) -> String {
        var output = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            default: output.unicodeScalars.append(character)
            }
        }
        return output + "\""
    }

    private func describe(_ source: PromptSource) -> String {
        switch source {
        case .fixed(let text): "fixed:\(quoted(text))"
        case .file(let path, let field, _): "file:\(quoted(path)):\(quoted(field))"
        case .synthetic(let input, let spread): "synthetic:\(input)±\(spread)"
        case .template(let template, let variables):
            "template:\(quoted(template)):"
                + variables.map { "\(quoted($0.name))=[\($0.values.map(quoted).joined(separator: ","))]" }.joined(separator: ";")
        }
    }
}
