import ArgumentParser

@main
struct LensGate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lens-gate",
        abstract: "A CI regression gate for LLM serving latency.")
}
