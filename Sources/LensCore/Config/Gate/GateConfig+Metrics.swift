/// Rules that name metrics of the results' own: resolved once the results are known.
extension GateConfig {
    /// The config with every metric its rules name but lens-gate does not define replaced by the
    /// results' declaration of it (its unit, direction and granularity), and limits read in that unit.
    ///
    /// Throws, at the rule that names it, for a metric neither side declares or one declared with
    /// another granularity than the rule writes.
    public func resolvingMetrics(in catalog: MetricCatalog) throws(FieldError) -> GateConfig {
        let gate = FieldPath.root.appending("gate")
        var resolved = self
        if let rules {
            resolved.rules = try rules.map { (rule) throws(FieldError) in try rule.resolving(in: catalog, at: gate.appending("rules")) }
        }
        resolved.qualityGates = try qualityGates.map { (item) throws(FieldError) in
            try item.resolving(in: catalog, at: gate.appending("quality_gates"))
        }
        resolved.budgets = try budgets.map { (item) throws(FieldError) in try item.resolving(in: catalog, at: gate.appending("budgets")) }
        resolved.trends = try trends.map { (item) throws(FieldError) in
            var rule = item
            rule.target = try item.target.resolving(in: catalog, at: gate.appending("trend"), position: item.position)
            return rule
        }
        for (scenario, override) in scenarioOverrides {
            let path = gate.appending("scenarios").appending(scenario)
            var result = override
            result.rules = try override.rules.map { (rule) throws(FieldError) in
                try rule.resolving(in: catalog, at: path.appending("rules"))
            }
            result.qualityGates = try override.qualityGates.map { (item) throws(FieldError) in
                try item.resolving(in: catalog, at: path.appending("quality_gates"))
            }
            result.budgets = try override.budgets.map { (item) throws(FieldError) in
                try item.resolving(in: catalog, at: path.appending("budgets"))
            }
            result.skip = try override.skip.map { (target) throws(FieldError) in
                try target.resolving(in: catalog, at: path.appending("skip"), position: .unknown)
            }
            resolved.scenarioOverrides[scenario] = result
        }
        return resolved
    }
}

extension MetricStatistic {
    /// The target with a referenced metric replaced by its declaration.
    func resolving(in catalog: MetricCatalog, at path: FieldPath, position: TextPosition) throws(FieldError) -> MetricStatistic {
        guard metric.origin == .referenced else { return self }
        guard let declared = catalog.metric(named: metric.name) else {
            throw FieldError(
                path, at: position,
                "'\(metric.name)' is not a built-in metric and the results do not declare it\(Suggestion.hint(for: metric.name, among: catalog.names))"
            )
        }
        guard declared.granularity == metric.granularity else {
            let written = metric.granularity == .perScenario ? "without a statistic" : "with a statistic"
            let needed =
                declared.granularity == .perScenario ? "write '\(declared.name)' alone" : "write e.g. '\(declared.name).p95'"
            throw FieldError(
                path, at: position,
                "'\(description)' names \(declared.name) \(written), but the results declare it per \(declared.granularity == .perRequest ? "request" : "scenario"): \(needed)"
            )
        }
        return MetricStatistic(declared, statistic)
    }
}

extension ComparisonRule {
    func resolving(in catalog: MetricCatalog, at path: FieldPath) throws(FieldError) -> ComparisonRule {
        var rule = self
        rule.target = try target.resolving(in: catalog, at: path, position: position)
        return rule
    }
}

extension QualityGate {
    func resolving(in catalog: MetricCatalog, at path: FieldPath) throws(FieldError) -> QualityGate {
        guard target.metric.origin == .referenced else { return self }
        var gate = self
        gate.target = try target.resolving(in: catalog, at: path, position: position)
        do {
            gate.limit = try QualityGate.limit(limitText ?? "\(limit)", for: gate.target.metric)
        } catch {
            throw FieldError(path, at: position, error.reason)
        }
        return gate
    }
}

extension Budget {
    func resolving(in catalog: MetricCatalog, at path: FieldPath) throws(FieldError) -> Budget {
        guard target.metric.origin == .referenced else { return self }
        var budget = self
        budget.target = try target.resolving(in: catalog, at: path, position: position)
        do {
            budget.budget = try QualityGate.limit(budgetText ?? "\(self.budget)", for: budget.target.metric)
        } catch {
            throw FieldError(path, at: position, error.reason)
        }
        return budget
    }
}
