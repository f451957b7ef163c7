/// Reading and writing results documents, with validation that names the field at fault.
extension Results {
    /// Decodes and validates a parsed results document.
    public init(json root: JSONNode) throws(FieldError) {
        let object = try root.object(at: .root)
        let versionNode = try object.required("schema_version")
        let version = try versionNode.integer(at: object.path("schema_version"))
        guard version == Results.currentSchemaVersion else {
            let advice =
                version > Results.currentSchemaVersion
                ? "written by a newer lens-gate; upgrade lens-gate to read it"
                : "not a version lens-gate ever wrote"
            throw FieldError(
                object.path("schema_version"), at: versionNode.position,
                "unsupported schema_version \(version) (\(advice); this version reads \(Results.currentSchemaVersion))")
        }
        let run =
            try object.optional("run").map { (node) throws(FieldError) in
                try RunMetadata(json: node, at: object.path("run"))
            } ?? RunMetadata()
        let catalog =
            try object.optional("metrics").map { (node) throws(FieldError) in
                try MetricDeclaration.catalog(json: node, at: object.path("metrics"))
            } ?? .builtIn
        let scenariosPath = object.path("scenarios")
        let scenarioNodes = try object.required("scenarios").elements(at: scenariosPath)
        guard !scenarioNodes.isEmpty else {
            throw FieldError(scenariosPath, at: object.position, "no scenarios: a results file needs at least one")
        }
        var scenarios: [ScenarioResult] = []
        var seen: Set<String> = []
        for (i, node) in scenarioNodes.enumerated() {
            let scenario = try ScenarioResult(json: node, at: scenariosPath.appending(i), metrics: catalog)
            guard seen.insert(scenario.name).inserted else {
                throw FieldError(
                    scenariosPath.appending(i).appending("name"), at: node.position,
                    "duplicate scenario name '\(scenario.name)'")
            }
            scenarios.append(scenario)
        }
        self.init(schemaVersion: version, run: run, scenarios: scenarios)
        metrics = catalog
        fingerprint = try object.optional("fingerprint").map { (node) throws(FieldError) in
            try BaselineFingerprint(json: node, at: object.path("fingerprint"))
        }
    }

    /// The document as a JSON value, ready for `JSONWriter`.
    public var json: JSONValue {
        .fields([
            "schema_version": .number(Double(schemaVersion)),
            "run": run.json,
            "metrics": MetricDeclaration.json(metrics),
            "scenarios": .array(scenarios.map { JSONNode($0.json) }),
            "fingerprint": fingerprint?.json,
        ])
    }
}

extension RunMetadata {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        startedAt = try object.optional("started_at")?.string(at: object.path("started_at"))
        finishedAt = try object.optional("finished_at")?.string(at: object.path("finished_at"))
        complete = try object.optional("complete")?.bool(at: object.path("complete")) ?? true
        toolVersion = try object.optional("tool_version")?.string(at: object.path("tool_version"))
        configFingerprint = try object.optional("config_fingerprint")?.string(at: object.path("config_fingerprint"))
        configFields = try object.optional("config_fields").map { (node) throws(FieldError) in
            try FingerprintFields(json: node, at: object.path("config_fields"))
        }
        if let gitNode = object.optional("git") {
            let git = try gitNode.object(at: object.path("git"))
            self.git = GitInfo(
                commit: try git.optional("commit")?.string(at: git.path("commit")),
                branch: try git.optional("branch")?.string(at: git.path("branch")))
        }
        if let hostNode = object.optional("host") {
            let host = try hostNode.object(at: object.path("host"))
            self.host = HostInfo(
                name: try host.optional("name")?.string(at: host.path("name")),
                os: try host.optional("os")?.string(at: host.path("os")),
                cpuCount: try host.optional("cpu_count")?.integer(at: host.path("cpu_count")),
                hardwareTag: try host.optional("hardware_tag")?.string(at: host.path("hardware_tag")))
        }
        shard = try object.optional("shard").map { (node) throws(FieldError) in try Shard(json: node, at: object.path("shard")) }
        shards = try object.optional("shards").map { (node) throws(FieldError) in try ShardSet(json: node, at: object.path("shards")) }
    }

    var json: JSONValue {
        .fields([
            "started_at": startedAt.map(JSONValue.string),
            "finished_at": finishedAt.map(JSONValue.string),
            "complete": .bool(complete),
            "tool_version": toolVersion.map(JSONValue.string),
            "config_fingerprint": configFingerprint.map(JSONValue.string),
            "config_fields": configFields?.json,
            "git": git.map { git in
                .fields(["commit": git.commit.map(JSONValue.string), "branch": git.branch.map(JSONValue.string)])
            },
            "host": host.map { host in
                .fields([
                    "name": host.name.map(JSONValue.string),
                    "os": host.os.map(JSONValue.string),
                    "cpu_count": host.cpuCount.map { .number(Double($0)) },
                    "hardware_tag": host.hardwareTag.map(JSONValue.string),
                ])
            },
            "shard": shard?.json,
            "shards": shards?.json,
        ])
    }
}

extension ScenarioResult {
    init(json node: JSONNode, at path: FieldPath, metrics catalog: MetricCatalog) throws(FieldError) {
        let object = try node.object(at: path)
        let nameNode = try object.required("name")
        let name = try nameNode.string(at: object.path("name"))
        guard !name.trimmingWhitespace.isEmpty else {
            throw FieldError(object.path("name"), at: nameNode.position, "scenario name is empty")
        }
        self.init(name: name)
        target = try object.optional("target")?.string(at: object.path("target"))
        workload = try object.optional("workload")?.string(at: object.path("workload"))
        model = try object.optional("model")?.string(at: object.path("model"))
        samples = try MetricSamples(json: try object.required("samples"), at: object.path("samples"), metrics: catalog)
        samplesFromActualSend = try object.optional("samples_from_actual_send").map { (node) throws(FieldError) in
            try MetricSamples(json: node, at: object.path("samples_from_actual_send"), metrics: catalog)
        }
        values =
            try object.optional("values").map { (node) throws(FieldError) in
                try ScenarioValues(json: node, at: object.path("values"), metrics: catalog)
            } ?? ScenarioValues()
        if let countsNode = object.optional("counts") {
            counts = try RequestCounts(json: countsNode, at: object.path("counts"))
        }
        if let totalsNode = object.optional("totals") {
            totals = try ScenarioTotals(json: totalsNode, at: object.path("totals"))
            // Throughputs are derived from counts and totals: they must be numbers a file can hold too.
            for metric in [Metric.requestThroughput, .outputThroughput] {
                if let value = derivedValue(metric), !InputLimits.sampleValue.contains(value) {
                    throw FieldError(
                        object.path("totals").appending("duration_s"), at: totalsNode.position,
                        "too short for the counts: \(metric.name) would be \(value), beyond \(InputLimits.sampleValue.upper)")
                }
            }
        }
        if let sourceNode = object.optional("token_source") {
            let text = try sourceNode.string(at: object.path("token_source"))
            guard let source = TokenSource(rawValue: text) else {
                throw FieldError(
                    object.path("token_source"), at: sourceNode.position,
                    "unknown token_source '\(text)' (expected one of: \(TokenSource.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            tokenSource = source
        }
        engineSamples = try object.optional("engine_samples").map { (node) throws(FieldError) in
            try EngineSamples(json: node, at: object.path("engine_samples"))
        }
        if let node = object.optional("interleaved") {
            interleaved = try InterleavedSide(json: node, at: object.path("interleaved"))
        }
        if let node = object.optional("sample_blocks") {
            sampleBlocks = try SampleLabels(json: node, at: object.path("sample_blocks"), samples: samples, kind: .block)
        }
        if let node = object.optional("sample_requests") {
            sampleRequests = try SampleLabels(json: node, at: object.path("sample_requests"), samples: samples, kind: .request)
        }
        measuredWindow = try object.optional("measured_window").map { (node) throws(FieldError) in
            try MeasuredWindow(json: node, at: object.path("measured_window"))
        }
        goodput = try object.optional("goodput").map { (node) throws(FieldError) in
            try Goodput(json: node, at: object.path("goodput"), counts: counts)
        }
    }

    var json: JSONValue {
        .fields([
            "name": .string(name),
            "target": target.map(JSONValue.string),
            "workload": workload.map(JSONValue.string),
            "model": model.map(JSONValue.string),
            "samples": samples.json,
            "samples_from_actual_send": samplesFromActualSend?.json,
            "values": values.isEmpty ? nil : values.json,
            "counts": counts?.json,
            "totals": totals?.json,
            "token_source": tokenSource.map { .string($0.rawValue) },
            "engine_samples": engineSamples.flatMap { $0.isEmpty ? nil : $0.json },
            "interleaved": interleaved?.json,
            "sample_blocks": sampleBlocks?.json,
            "sample_requests": sampleRequests?.json,
            "measured_window": measuredWindow?.json,
            "goodput": goodput?.json,
        ])
    }
}

extension MetricSamples {
    init(json node: JSONNode, at path: FieldPath, metrics catalog: MetricCatalog) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        for (key, valueNode) in object.members {
            let metricPath = path.appending(key)
            let metric = try catalog.metric(key: key, at: metricPath, position: valueNode.position)
            guard metric.granularity == .perRequest else {
                let origin =
                    metric.isBuiltIn ? "computed from counts and totals" : "declared per scenario: its number goes under \"values\""
                throw FieldError(
                    metricPath, at: valueNode.position,
                    "\(key) is a per-scenario metric \(origin), not a sample list")
            }
            let values = try valueNode.numbers(at: metricPath)
            guard !values.isEmpty else {
                throw FieldError(
                    metricPath, at: valueNode.position,
                    "empty sample list (omit the metric when it was not measured)")
            }
            if metric.isNonNegative, let index = values.firstIndex(where: { $0 < 0 }) {
                throw FieldError(
                    metricPath.appending(index), at: valueNode.position,
                    "negative value \(values[index]) (\(key) cannot be negative)")
            }
            if let index = values.firstIndex(where: { !InputLimits.sampleValue.contains($0) }) {
                throw FieldError(metricPath.appending(index), at: valueNode.position, InputLimits.sampleValue.violation(values[index]))
            }
            self[metric] = values
        }
    }

    var json: JSONValue {
        .object(
            metrics.compactMap { metric in
                self[metric].map { (key: metric.name, value: JSONNode(.numbers($0))) }
            })
    }
}

extension RequestCounts {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        func count(_ key: String, required: Bool) throws(FieldError) -> Int? {
            let node = required ? try object.required(key) : object.optional(key)
            guard let node else { return nil }
            return try node.integer(at: object.path(key), in: InputLimits.count)
        }
        let requests = try count("requests", required: true) ?? 0
        let failed = try count("failed", required: false)
        let succeeded = try count("succeeded", required: false) ?? (requests - (failed ?? 0))
        let failedCount = failed ?? (requests - succeeded)
        guard succeeded >= 0, failedCount >= 0, succeeded + failedCount == requests else {
            throw FieldError(
                path, at: object.position,
                "succeeded (\(succeeded)) + failed (\(failedCount)) must equal requests (\(requests))")
        }
        var errors: [RequestErrorClass: Int] = [:]
        if let errorsNode = object.optional("errors") {
            let errorsObject = try errorsNode.object(at: object.path("errors"))
            for (key, valueNode) in errorsObject.members {
                guard let errorClass = RequestErrorClass(rawValue: key) else {
                    let hint = Suggestion.hint(for: key, among: RequestErrorClass.allCases.map(\.rawValue))
                    throw FieldError(errorsObject.path(key), at: valueNode.position, "unknown error class '\(key)'\(hint)")
                }
                errors[errorClass] = try valueNode.integer(at: errorsObject.path(key), in: InputLimits.count)
            }
            let classified = errors.values.reduce(0, +)
            guard classified <= failedCount else {
                throw FieldError(
                    object.path("errors"), at: errorsNode.position,
                    "errors by class add up to \(classified), more than failed (\(failedCount))")
            }
        }
        self.init(
            requests: requests, succeeded: succeeded, failed: failedCount,
            warmup: try count("warmup", required: false) ?? 0, errors: errors)
    }

    var json: JSONValue {
        .fields([
            "requests": .number(Double(requests)),
            "succeeded": .number(Double(succeeded)),
            "failed": .number(Double(failed)),
            "warmup": .number(Double(warmup)),
            "errors": .object(errors.keys.sorted().map { (key: $0.rawValue, value: JSONNode(.number(Double(errors[$0] ?? 0)))) }),
        ])
    }
}

extension ScenarioTotals {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        func nonNegative(_ key: String) throws(FieldError) -> Double? {
            guard let node = object.optional(key) else { return nil }
            let value = try node.number(at: object.path(key))
            guard value >= 0 else { throw FieldError(object.path(key), at: node.position, "negative value \(value)") }
            guard InputLimits.sampleValue.contains(value) else {
                throw FieldError(object.path(key), at: node.position, InputLimits.sampleValue.violation(value))
            }
            return value
        }
        func count(_ key: String) throws(FieldError) -> Int? {
            try object.optional(key)?.integer(at: object.path(key), in: InputLimits.count)
        }
        self.init(
            durationSeconds: try nonNegative("duration_s"), inputTokens: try count("input_tokens"),
            outputTokens: try count("output_tokens"), costUSD: try nonNegative("cost_usd"))
    }

    var json: JSONValue {
        .fields([
            "duration_s": durationSeconds.map(JSONValue.number),
            "input_tokens": inputTokens.map { .number(Double($0)) },
            "output_tokens": outputTokens.map { .number(Double($0)) },
            "cost_usd": costUSD.map(JSONValue.number),
        ])
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    var trimmingWhitespace: Substring {
        let characters = self[...]
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return Substring(characters[first...last])
    }
}
