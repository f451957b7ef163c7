import ArgumentParser
import LensCore

extension ServiceLevelObjective {
    /// Reads `--slo ttft_ms=500,tpot_ms=50,e2e_ms=5s`, refusing a bad value with a usage error
    /// (exit 2) that says what is wrong with it.
    static func option(_ text: String) throws -> ServiceLevelObjective {
        switch parse(option: text) {
        case .success(let slo): return slo
        case .failure(let error): throw ValidationError("--slo: \(error.message)")
        }
    }
}
