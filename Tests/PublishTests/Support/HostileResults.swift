import Foundation
import LensCore

/// A baseline and a run 50% slower in TTFT whose scenario and model names are the hostile ones, as files.
enum HostileResults {
    /// Writes `baseline.json` and `results.json` (TTFT 50% slower, E2E unchanged) into `directory`.
    /// The unchanged E2E checks keep the slowdown from being a shift of nearly every check, which
    /// without history would be reported inconclusive rather than as regressions.
    static func write(into directory: URL) throws {
        try document(factor: 1).write(to: directory.appendingPathComponent("baseline.json"))
        try document(factor: 1.5).write(to: directory.appendingPathComponent("results.json"))
    }

    private static func document(factor: Double) -> Data {
        let scenarios = Verdicts.hostileNames.enumerated().map { index, name -> JSONNode in
            // A fixed, varied sample: 60 values between 100 and 160 ms, scaled.
            let samples = (0..<60).map { i in (100 + Double((i * 37 + index * 11) % 60)) * factor }
            let steady = (0..<60).map { i in 400 + Double((i * 23 + index * 7) % 60) }
            return JSONNode(
                .fields([
                    "name": .string(name), "model": .string(name),
                    "samples": .fields(["ttft_ms": .numbers(samples), "e2e_ms": .numbers(steady)]),
                ]))
        }
        return Data(JSONWriter().bytes(.fields(["schema_version": .integer(1), "scenarios": .array(scenarios)])))
    }
}
