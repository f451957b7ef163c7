/// The metric families of one scraped page, looked up by name.
public struct ExpositionPage: Sendable, Equatable {
    /// The families, in the order the page first mentions them.
    public var families: [MetricFamily]

    /// Creates a page.
    public init(families: [MetricFamily]) { self.families = families }

    /// The family called `name`; a counter is found with or without its `_total`
    /// (`vllm:num_preemptions` and `vllm:num_preemptions_total` name the same family).
    public func family(_ name: String) -> MetricFamily? {
        if let exact = families.first(where: { $0.name == name }) { return exact }
        let alternative = name.hasSuffix("_total") ? String(name.dropLast("_total".count)) : name + "_total"
        return families.first { $0.name == alternative && $0.type == .counter }
    }

    /// The value of an `le` label (`+Inf` included), or nil when it is not a number.
    static func bound(_ text: String) -> Double? {
        switch text.lowercased() {
        case "+inf", "inf": return .infinity
        default:
            guard let value = Double(text), !value.isNaN else { return nil }
            return value
        }
    }
}
