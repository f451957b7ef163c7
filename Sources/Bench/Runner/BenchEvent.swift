import LensCore

/// What the runner reports while it works; the CLI renders these (the library never prints).
public enum BenchEvent: Sendable {
    /// A target's health or model-listing endpoint answered (or did not).
    case targetChecked(target: String, url: String, status: Int, models: [String])
    /// A scenario is about to start.
    case scenarioStarted(name: String, target: String, url: String, load: LoadConfig)
    /// A running scenario's progress, about ten times a second.
    case progress(scenario: String, ScenarioProgress)
    /// A scenario ended.
    case scenarioFinished(ScenarioResult)
    /// Something worth knowing that does not stop the run.
    case warning(String)
}
