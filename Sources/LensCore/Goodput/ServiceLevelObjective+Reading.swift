/// Reading an SLO from `lens-gate.yaml` (`slo:`), a results file (`goodput.slo`) and the `--slo` option.
extension ServiceLevelObjective {
    /// The keys an SLO accepts.
    public static let keys = Part.allCases.map(\.rawValue)

    /// Decodes an `slo:` mapping of `lens-gate.yaml`: any subset of the keys, each a duration in
    /// milliseconds (`500`, `500ms`, `0.5s`).
    public init(yaml node: YAMLNode, at path: FieldPath) throws(FieldError) {
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        self.init()
        for part in Part.allCases {
            guard let value = mapping.optional(part.rawValue) else { continue }
            let text = try value.string(at: mapping.path(part.rawValue))
            self[part] = try Self.limit(text).get(at: mapping.path(part.rawValue), position: value.position)
        }
        guard !isEmpty else { throw FieldError(path, at: node.position, Self.emptyMessage) }
    }

    /// Decodes `goodput.slo` of a results file: limits as numbers of milliseconds.
    public init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        for (key, value) in object.members {
            guard let part = Part(rawValue: key) else {
                let hint = Suggestion.hint(for: key, among: Self.keys)
                throw FieldError(
                    object.path(key), at: value.position, "unknown SLO limit '\(key)'\(hint); valid: \(Self.keys.joined(separator: ", "))")
            }
            self[part] = try value.number(at: object.path(key), in: InputLimits.sloMilliseconds)
        }
        guard !isEmpty else { throw FieldError(path, at: object.position, Self.emptyMessage) }
    }

    /// Parses the `--slo` option's text, `ttft_ms=500,tpot_ms=50ms,e2e_ms=5s`; the error is a
    /// sentence to show after the option's name.
    public static func parse(option text: String) -> Result<ServiceLevelObjective, OptionError> {
        var slo = ServiceLevelObjective()
        guard !text.trimmingWhitespace.isEmpty else { return .failure(OptionError(emptyMessage)) }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(pair[0].trimmingWhitespace)
            guard pair.count == 2 else {
                return .failure(OptionError("expected key=value pairs such as ttft_ms=500,tpot_ms=50, found '\(item)'"))
            }
            guard let part = Part(rawValue: key) else {
                let hint = Suggestion.hint(for: key, among: keys)
                return .failure(OptionError("unknown SLO limit '\(key)'\(hint); valid: \(keys.joined(separator: ", "))"))
            }
            guard slo[part] == nil else { return .failure(OptionError("\(key) is given twice")) }
            switch limit(String(pair[1])) {
            case .success(let value): slo[part] = value
            case .failure(let error): return .failure(OptionError("\(key): \(error.message)"))
            }
        }
        return slo.isEmpty ? .failure(OptionError(emptyMessage)) : .success(slo)
    }

    /// A failure to read an SLO written as text (`--slo`, or one limit of `slo:` in the config).
    public struct OptionError: Error, Sendable, Equatable {
        /// What is wrong, one sentence.
        public var message: String

        init(_ message: String) { self.message = message }

        func get(at path: FieldPath, position: TextPosition) -> FieldError { FieldError(path, at: position, message) }
    }

    private static let emptyMessage = "an SLO needs at least one limit: ttft_ms, tpot_ms or e2e_ms"

    /// A limit in milliseconds from text: a plain number means milliseconds (the keys say `_ms`);
    /// `ms`, `s`, `m` and `h` suffixes are accepted as for other durations.
    static func limit(_ written: String) -> Result<Double, OptionError> {
        let text = written.trimmingWhitespace.lowercased()
        guard let duration = DurationText(text) else {
            return .failure(OptionError("expected a latency limit such as 500 (ms), 500ms or 0.5s, found '\(text)'"))
        }
        let milliseconds = duration.value(inUnitOf: 0.001)
        guard InputLimits.sloMilliseconds.contains(milliseconds) else {
            return .failure(OptionError("must be \(InputLimits.sloMilliseconds) milliseconds, found '\(text)'"))
        }
        return .success(milliseconds)
    }
}

extension Result where Failure == ServiceLevelObjective.OptionError {
    /// The value, or the failure as a located config error.
    fileprivate func get(at path: FieldPath, position: TextPosition) throws(FieldError) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error): throw error.get(at: path, position: position)
        }
    }
}

extension ServiceLevelObjective {
    /// The SLO as a results-file object, limits in declaration order.
    public var json: JSONValue {
        .object(parts.map { (key: $0.rawValue, value: JSONNode(.number(limits[$0] ?? 0))) })
    }
}
