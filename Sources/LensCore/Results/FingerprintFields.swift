/// The settings a baseline must share with a run to be compared, field by field, so that a
/// mismatch can say what differs (`scenario chat-c8: load.concurrency: 8 → 16`).
///
/// Included: the run seed; per scenario its target's provider, protocol, model, API version and
/// URL *path*, its workload (prompt source, system text, max tokens, temperature, seed, stream,
/// ignore_eos), its load shape and, for an interleaved scenario, the baseline target's settings
/// and the block size, and its SLO (`slo.ttft_ms`, …, only when set). Excluded on purpose: the URL's scheme, host and port (an endpoint moved to
/// another host or an ephemeral CI port is the same system under test), header names and values,
/// API keys, pricing (changes only `cost_usd`), abort rules (they decide when to stop, not what
/// is measured), size caps, an embedded simulator's behaviour and the `gate:` section. The
/// hardware tag and tool version are compared separately (`run.host.hardware_tag`, `tool_version`).
public struct FingerprintFields: Sendable, Equatable {
    /// Fields that apply to the whole run (`seed`).
    public var run: [String: String]
    /// Fields per scenario name (`load.concurrency`, `target.model`, …).
    public var scenarios: [String: [String: String]]

    /// Creates fields.
    public init(run: [String: String] = [:], scenarios: [String: [String: String]] = [:]) {
        self.run = run
        self.scenarios = scenarios
    }

    /// One field that differs between a baseline and a run.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        /// The scenario, or nil for a run-wide field.
        public var scenario: String?
        /// The field (`load.concurrency`).
        public var field: String
        /// The baseline's value (nil: not recorded there).
        public var baseline: String?
        /// The run's value (nil: not set).
        public var current: String?

        /// `scenario chat: load.concurrency: 8 → 16`.
        public var description: String {
            (scenario.map { "scenario \($0): " } ?? "") + "\(field): \(baseline ?? "(none)") → \(current ?? "(none)")"
        }
    }

    /// The fields that differ from `baseline`: run-wide fields always, scenario fields for the
    /// scenarios both sides define (a scenario added or removed does not invalidate the others).
    public func differences(from baseline: FingerprintFields) -> [Difference] {
        var differences: [Difference] = []
        for key in Set(run.keys).union(baseline.run.keys).sorted() where run[key] != baseline.run[key] {
            differences.append(Difference(scenario: nil, field: key, baseline: baseline.run[key], current: run[key]))
        }
        for name in scenarios.keys.sorted() {
            guard let now = scenarios[name], let base = baseline.scenarios[name] else { continue }
            for key in Set(now.keys).union(base.keys).sorted() where now[key] != base[key] {
                differences.append(Difference(scenario: name, field: key, baseline: base[key], current: now[key]))
            }
        }
        return differences
    }
}

extension FingerprintFields {
    /// Reads `{"seed": "1", "scenarios": {"chat": {"load.concurrency": "8"}}}`.
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        for (key, value) in object.members where key != "scenarios" {
            run[key] = try value.string(at: object.path(key))
        }
        if let scenariosNode = object.optional("scenarios") {
            let scenariosObject = try scenariosNode.object(at: object.path("scenarios"))
            for (name, fieldsNode) in scenariosObject.members {
                let fields = try fieldsNode.object(at: scenariosObject.path(name))
                var values: [String: String] = [:]
                for (key, value) in fields.members { values[key] = try value.string(at: fields.path(key)) }
                scenarios[name] = values
            }
        }
    }

    /// The JSON form, keys sorted so that the same config always writes the same bytes.
    var json: JSONValue {
        var object = JSONObjectBuilder()
        for key in run.keys.sorted() { object[key] = run[key].map { .string($0) } }
        object["scenarios"] = .object(
            scenarios.keys.sorted().map { name in
                var fields = JSONObjectBuilder()
                let values = scenarios[name] ?? [:]
                for key in values.keys.sorted() { fields[key] = values[key].map { .string($0) } }
                return (key: name, value: JSONNode(fields.value))
            })
        return object.value
    }
}
