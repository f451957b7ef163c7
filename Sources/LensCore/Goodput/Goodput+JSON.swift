/// Reading and writing a scenario's `goodput` object.
extension Goodput {
    /// Decodes `goodput` of a scenario whose counts are `counts`: the good count must be a
    /// whole number no larger than the successful requests (a failed request is never good),
    /// so a scenario with goodput must have counts.
    init(json node: JSONNode, at path: FieldPath, counts: RequestCounts?) throws(FieldError) {
        let object = try node.object(at: path)
        let goodNode = try object.required("good")
        let good = try goodNode.integer(at: object.path("good"), in: InputLimits.count)
        let slo = try ServiceLevelObjective(json: try object.required("slo"), at: object.path("slo"))
        guard let counts else {
            throw FieldError(
                object.path("good"), at: goodNode.position,
                "goodput needs the scenario's counts (counts.requests) to be a fraction of; add counts or drop goodput")
        }
        guard good <= counts.succeeded else {
            throw FieldError(
                object.path("good"), at: goodNode.position,
                "\(good) good requests, more than the \(counts.succeeded) that succeeded (of \(counts.requests) requests; a failed request is never good)"
            )
        }
        self.init(good: good, slo: slo)
    }

    /// The results-file object.
    var json: JSONValue {
        .fields(["good": .number(Double(good)), "slo": slo.json])
    }
}
