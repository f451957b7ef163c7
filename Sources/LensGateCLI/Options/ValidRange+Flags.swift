import ArgumentParser
import LensCore

extension ValidRange {
    /// Refuses a flag value outside the range with a usage error (exit 2) that names the flag,
    /// the range and the value: `--ttft-ms must be greater than 0 and at most 3600000, found nan`.
    func check(_ value: Bound, flag: String) throws {
        guard contains(value) else { throw ValidationError("\(flag) \(violation(value))") }
    }
}
