import LensCore

/// The error that reading `yaml` as lens-gate.yaml raises, or nil when it reads cleanly.
func failure(_ yaml: String) -> FieldError? {
    do {
        _ = try LensConfig(yaml: yaml)
        return nil
    } catch {
        return error
    }
}
