import LensCore

/// The machine-readable verdict: every check with its numbers, plus the overall result and exit code.
extension Verdict {
    /// The schema version of the verdict document.
    public static let jsonSchemaVersion = 1

    /// The verdict as a JSON value (docs/reading-the-report.md, "JSON verdict", describes the fields).
    public var json: JSONValue {
        var summary = JSONObjectBuilder()
        summary["checks"] = .integer(checks.count)
        summary["regressions"] = .integer(regressions.count)
        summary["warnings"] = .integer(warnings.count)
        summary["improvements"] = .integer(improvements.count)
        summary["unmeasured"] = .integer(unmeasured.count)
        summary["skipped"] = .integer(skipped.count)

        var object = JSONObjectBuilder()
        object["schema_version"] = .integer(Verdict.jsonSchemaVersion)
        object["verdict"] = .string(passed ? "passed" : "failed")
        object["exit_code"] = .integer(Int(exitStatus.rawValue))
        object["headline"] = .string(headline)
        object["correction"] = .string(correction.rawValue)
        object["summary"] = summary.value
        object["notices"] = .strings(notices)
        object["scenarios_without_baseline"] = .strings(scenariosWithoutBaseline)
        object["scenarios_missing_from_run"] = .strings(scenariosMissingFromRun)
        object["checks"] = .array(checks.map { JSONNode($0.json) })
        if let shift = suiteShift {
            var shiftObject = JSONObjectBuilder()
            shiftObject["change_pct"] = .number(shift.percent)
            shiftObject["interval"] = shift.interval.map { .numbers([$0.lowerBound, $0.upperBound]) }
            shiftObject["p_value"] = shift.pWorse.map { .number($0) }
            shiftObject["checks"] = .integer(shift.checks)
            shiftObject["history_runs"] = .integer(shift.runs)
            shiftObject["regression"] = .bool(shift.isRegression)
            shiftObject["fails_gate"] = .bool(shift.failsGate)
            shiftObject["message"] = .string(shift.message)
            object["suite_shift"] = shiftObject.value
        }
        return object.value
    }
}

extension Check {
    /// One check as a JSON value.
    public var json: JSONValue {
        var object = JSONObjectBuilder()
        object["scenario"] = .string(scenario)
        object["kind"] = .string(kind.rawValue)
        object["name"] = .string(name)
        object["metric"] = .string(target.metric.name)
        object["statistic"] = .string(target.statistic.description)
        object["unit"] = .string(target.metric.unit.rawValue)
        object["direction"] = .string(target.metric.direction.rawValue)
        object["method"] = method.map { .string($0.rawValue) }
        object["rule"] = ruleText.map { .string($0) }
        object["baseline"] = baselineValue.map { .number($0) }
        object["current"] = currentValue.map { .number($0) }
        object["threshold_pct"] = thresholdPercent.map { .number($0) }
        if let change {
            object["change_pct"] = change.percent.map { .number($0) }
            object["interval"] = change.interval.map { .numbers([$0.lowerBound, $0.upperBound]) }
            object["after_shared_shift_pct"] = change.afterSharedShiftPercent.map { .number($0) }
            object["confidence"] = .number(change.confidence)
            object["p_value"] = change.pWorse.map { .number($0) }
            object["p_value_better"] = change.pBetter.map { .number($0) }
            object["p_value_two_sided"] = change.pTwoSided.map { .number($0) }
            object["adjusted_p_value"] = change.adjustedP.map { .number($0) }
            object["adjusted_p_family"] = change.adjustedFamily.map { .string($0.rawValue) }
            object["significant"] = .bool(change.significant)
            object["n_baseline"] = .integer(change.baselineCount)
            object["n_current"] = .integer(change.currentCount)
            object["detection_limit_pct"] = change.detectionLimitPercent.map { .number($0) }
            object["evidence"] = .array(change.evidence.map { JSONNode($0.json) })
        }
        object["status"] = .string(outcome.rawValue)
        object["severity"] = .string(severity.rawValue)
        object["fails_gate"] = .bool(failsGate)
        object["message"] = .string(message)
        object["notes"] = .strings(notes)
        object["series"] = series.map { .numbers($0) }
        return object.value
    }
}

extension Evidence {
    var json: JSONValue {
        var object = JSONObjectBuilder()
        object["name"] = .string(name)
        object["statistic"] = statistic.map { .number($0) }
        object["interval"] = interval.map { .numbers([$0.lowerBound, $0.upperBound]) }
        object["p_value"] = pWorse.map { .number($0) }
        object["p_value_two_sided"] = pTwoSided.map { .number($0) }
        object["undefined"] = undefinedReason.map { .string($0) }
        return object.value
    }
}
