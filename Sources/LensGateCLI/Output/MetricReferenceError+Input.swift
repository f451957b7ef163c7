import Gate
import LensCore

extension GateDecision {
    /// `resolvingMetrics(of:)` with its error placed in the file at fault: the results file for
    /// declarations that disagree with the baseline's, the config file for a rule's reference.
    func resolvingMetrics(of run: Results, resultsFile: String, configFile: String) throws(InputError) -> GateDecision {
        do {
            return try resolvingMetrics(of: run)
        } catch {
            switch error {
            case .conflictingDeclarations(let fieldError): throw InputError(file: resultsFile, fieldError)
            case .config(let fieldError): throw InputError(file: configFile, fieldError)
            }
        }
    }
}
