import Foundation
import LensCore

/// A JUnit XML report as a value: one test suite per scenario, one test case per check.
///
/// CI systems (GitLab's `artifacts:reports:junit`, GitHub test reporters) show failures by
/// test case, so every scenario × rule pair gets a case with a unique classname + name.
public struct JUnitReport: Sendable, Equatable {
    /// One scenario's checks.
    public struct Suite: Sendable, Equatable {
        /// The scenario name.
        public var name: String
        /// The cases, one per check.
        public var cases: [TestCase]
        /// Seconds the scenario's benchmark took, when known.
        public var time: Double
        /// Start time of the run, ISO 8601.
        public var timestamp: String?
        /// The host that ran the benchmark.
        public var hostname: String?
    }

    /// One check as a JUnit test case.
    public struct TestCase: Sendable, Equatable {
        /// `lens-gate.<scenario>`.
        public var classname: String
        /// The check name, unique within the suite.
        public var name: String
        /// Seconds (always 0: a check costs no measurable time of its own).
        public var time: Double
        /// How the case ended.
        public var result: Result
        /// Extra text shown by CI viewers (the change with its evidence, notes).
        public var output: String?
    }

    /// The JUnit outcome of a case.
    public enum Result: Sendable, Equatable {
        case passed
        /// A failed rule: `message` is the one-line reason, `details` the longer text.
        case failure(type: String, message: String, details: String)
        /// The check could not be measured.
        case error(type: String, message: String, details: String)
        /// The check was not run (no baseline).
        case skipped(message: String)
    }

    /// The name of the whole report.
    public var name: String
    /// The suites, one per scenario.
    public var suites: [Suite]

    /// Builds the report from a verdict.
    public init(_ verdict: Verdict, results: Results? = nil, name: String = "lens-gate") {
        self.name = name
        suites = verdict.scenarioNames.map { scenario in
            var usedNames: [String: Int] = [:]
            let cases = verdict.checks.filter { $0.scenario == scenario }.map { check -> TestCase in
                var caseName = check.name
                let seen = usedNames[caseName, default: 0]
                usedNames[caseName] = seen + 1
                if seen > 0 { caseName += " #\(seen + 1)" }
                return TestCase(
                    classname: "lens-gate.\(scenario)", name: caseName, time: 0,
                    result: JUnitReport.result(for: check), output: JUnitReport.output(for: check))
            }
            let scenarioResult = results?.scenario(named: scenario)
            return Suite(
                name: scenario, cases: cases, time: scenarioResult?.totals?.durationSeconds ?? 0,
                timestamp: results?.run.startedAt, hostname: results?.run.host?.name)
        }
        if let shift = verdict.suiteShift {
            let result: Result =
                shift.failsGate
                ? .failure(type: "suite-shift", message: "suite-wide shift: \(shift.message)", details: shift.message)
                : .passed
            suites.append(
                Suite(
                    name: "lens-gate (whole run)",
                    cases: [
                        TestCase(classname: "lens-gate", name: "suite-wide shift", time: 0, result: result, output: shift.message)
                    ], time: 0, timestamp: results?.run.startedAt, hostname: results?.run.host?.name))
        }
    }

    private static func result(for check: Check) -> Result {
        let details = ([check.message] + (check.change.map { [Notation.change($0)] } ?? []) + check.notes)
            .joined(separator: "\n")
        switch (check.outcome, check.severity) {
        case (.regressed, .error):
            return .failure(
                type: check.kind == .comparison ? "regression" : check.kind.rawValue,
                message: "\(check.name) in \(check.scenario): \(check.message)", details: details)
        case (.unmeasured, .error):
            return .error(type: "unmeasured", message: "\(check.name) in \(check.scenario): \(check.message)", details: details)
        case (.skipped, _):
            return .skipped(message: check.message)
        default:
            return .passed
        }
    }

    private static func output(for check: Check) -> String? {
        var lines = [check.message]
        if check.severity == .warning, check.outcome == .regressed || check.outcome == .unmeasured {
            lines[0] = "warning: " + lines[0]
        }
        if let change = check.change { lines.append(Notation.change(change)) }
        lines += check.notes
        return lines.joined(separator: "\n")
    }

    /// Counts of a list of cases.
    static func counts(_ cases: [TestCase]) -> (failures: Int, errors: Int, skipped: Int) {
        var counts = (failures: 0, errors: 0, skipped: 0)
        for testCase in cases {
            switch testCase.result {
            case .failure: counts.failures += 1
            case .error: counts.errors += 1
            case .skipped: counts.skipped += 1
            case .passed: break
            }
        }
        return counts
    }
}

extension JUnitReport {
    /// The report as JUnit XML (valid against the common junit-10.xsd), written with libxml2.
    public func xml() throws -> [UInt8] {
        let writer = try XMLTextWriter()
        try writer.startDocument()
        try writer.startElement("testsuites")
        let allCases = suites.flatMap(\.cases)
        let totals = JUnitReport.counts(allCases)
        try writer.attribute("name", name)
        try writer.attribute("tests", String(allCases.count))
        try writer.attribute("failures", String(totals.failures))
        try writer.attribute("errors", String(totals.errors))
        try writer.attribute("time", JUnitReport.seconds(suites.reduce(0) { $0 + $1.time }))
        for suite in suites {
            let counts = JUnitReport.counts(suite.cases)
            try writer.startElement("testsuite")
            try writer.attribute("name", suite.name)
            try writer.attribute("tests", String(suite.cases.count))
            try writer.attribute("failures", String(counts.failures))
            try writer.attribute("errors", String(counts.errors))
            try writer.attribute("skipped", String(counts.skipped))
            try writer.attribute("time", JUnitReport.seconds(suite.time))
            if let timestamp = suite.timestamp { try writer.attribute("timestamp", timestamp) }
            if let hostname = suite.hostname { try writer.attribute("hostname", hostname) }
            for testCase in suite.cases {
                try writer.startElement("testcase")
                try writer.attribute("classname", testCase.classname)
                try writer.attribute("name", testCase.name)
                try writer.attribute("time", JUnitReport.seconds(testCase.time))
                switch testCase.result {
                case .passed: break
                case let .failure(type, message, details):
                    try writer.startElement("failure")
                    try writer.attribute("type", type)
                    try writer.attribute("message", message)
                    try writer.text(details)
                    try writer.endElement()
                case let .error(type, message, details):
                    try writer.startElement("error")
                    try writer.attribute("type", type)
                    try writer.attribute("message", message)
                    try writer.text(details)
                    try writer.endElement()
                case let .skipped(message):
                    try writer.startElement("skipped")
                    try writer.attribute("message", message)
                    try writer.endElement()
                }
                if let output = testCase.output {
                    try writer.startElement("system-out")
                    try writer.text(output)
                    try writer.endElement()
                }
                try writer.endElement()
            }
            try writer.endElement()
        }
        try writer.endElement()
        return try writer.finish()
    }

    /// Seconds with at most three decimals and no exponent, as the JUnit schema's time pattern requires.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "0.000" }
        return String(format: "%.3f", value)
    }
}
