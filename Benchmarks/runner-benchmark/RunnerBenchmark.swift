import Foundation

/// runner-benchmark: measures lens-gate's runner against the in-process simulator on 127.0.0.1 and
/// prints each figure next to its target. Run in release: `swift run -c release runner-benchmark`.
/// Flags: `--quick` (shorter runs), `--streams N` (TTFT-error concurrency, default 256), `--only NAME` (noise|floor|rss|parser|throughput|loopback|ttft|poisson|streams).
@main
struct RunnerBenchmark {
    static func main() async {
        let arguments = CommandLine.arguments
        let quick = arguments.contains("--quick")
        let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        func wanted(_ name: String) -> Bool { only == nil || only == name }
        let streams = arguments.firstIndex(of: "--streams").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 256
        var figures: [Figure] = []
        func report(_ figure: Figure) {
            let verdict = figure.met.map { $0 ? "met" : "MISSED" } ?? "info"
            print(
                "\(figure.name): \(figure.value)   [target \(figure.target): \(verdict)]\(figure.note.isEmpty ? "" : "  — \(figure.note)")")
            figures.append(figure)
        }
        print(
            "runner-benchmark: lens-gate runner vs in-process simulator on 127.0.0.1, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores shared by client and server")
        do {
            if wanted("noise") { report(Measurements.machineNoise(seconds: quick ? 2 : 5)) }
            if wanted("floor") { report(LoopbackFloor.measure(requests: quick ? 4000 : 10000)) }
            if wanted("rss") { report(Measurements.residentMemory(requests: 1_000_000)) }
            if wanted("parser") { report(Measurements.parserEventsPerSecond(seconds: quick ? 1 : 3)) }
            if wanted("throughput") { report(try await Measurements.nonStreamingThroughput(seconds: quick ? 3 : 8, concurrency: 64)) }
            if wanted("loopback") { report(try await Measurements.loopbackEventsPerSecond(seconds: quick ? 2 : 5)) }
            if wanted("ttft") { report(try await Measurements.ttftError(streams: streams, requests: streams * (quick ? 4 : 10))) }
            if wanted("poisson") { for figure in try await Measurements.poissonLag(rate: 2000, seconds: quick ? 3 : 10) { report(figure) } }
            if wanted("streams") { report(try await Measurements.concurrentStreams(target: 5000)) }
            // Again at the end: other work on a shared machine comes and goes during the run.
            if only == nil { report(Measurements.machineNoise(seconds: quick ? 2 : 5)) }
        } catch {
            print("runner-benchmark: error: \(error)")
            exit(1)
        }
        print(
            "runner-benchmark: \(figures.filter { $0.met == true }.count) targets met, \(figures.filter { $0.met == false }.count) missed")
    }
}
