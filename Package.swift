// swift-tools-version: 6.1
import PackageDescription

/// lens-gate: a CI regression gate for LLM serving latency.
///
/// Layers import inward: `Stats` (pure math) and `LensCore` (shared value types: metrics, the
/// results model, the config model and its YAML loader) at the bottom; `Gate` (rules, verdicts,
/// reports) and `Bench` (the libcurl runner) side by side above them; `Publish` (CI platforms:
/// annotations, step outputs, PR comments) above `Gate`; the `lens-gate` executable
/// wires them together and is the only place that parses flags, prints and exits.
let package = Package(
    name: "lens-gate",
    products: [
        .executable(name: "lens-gate", targets: ["LensGateCLI"]),
        .library(name: "Stats", targets: ["Stats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries fixed by the design, each behind a thin shim header.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        // Linux epoll/timerfd/eventfd for the benchmark's event loop (Glibc's module lacks them).
        .systemLibrary(name: "CLinuxEvents"),

        .target(
            name: "Stats",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
        .target(
            name: "LensCore",
            dependencies: ["CYAML"]),
        .target(
            name: "Gate",
            dependencies: ["LensCore", "Stats", "CLibXML2"]),
        .target(
            name: "Bench",
            dependencies: ["LensCore", "Stats", "CCurl", "CLinuxEvents"]),
        .target(
            name: "Import",
            dependencies: ["LensCore"]),
        .target(
            name: "Publish",
            dependencies: ["LensCore", "Gate", "CCurl"]),
        .target(
            name: "Simulator",
            dependencies: [
                "LensCore",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .executableTarget(
            name: "LensGateCLI",
            dependencies: [
                "LensCore", "Gate", "Bench", "Simulator", "Publish", "Import",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/LensGateCLI"),

        // Benchmarks: executables that measure and print figures (never timed unit tests).
        .executableTarget(
            name: "check-benchmark",
            dependencies: ["LensCore", "Gate", "Stats"],
            path: "Benchmarks/check-benchmark"),

        .executableTarget(
            name: "runner-benchmark",
            dependencies: ["Bench", "LensCore", "Simulator"],
            path: "Benchmarks/runner-benchmark"),

        .executableTarget(
            name: "decision-benchmark",
            dependencies: ["DecisionSimulation", "Gate", "LensCore", "Stats"],
            path: "Benchmarks/decision-benchmark"),
        .target(
            name: "DecisionSimulation",
            dependencies: ["LensCore", "Stats", "Gate"],
            path: "Benchmarks/DecisionSimulation"),

        // Fuzzing: the targets (parsers and what is computed from what they accept), a seeded
        // mutation fuzzer that runs them in worker processes, and the replay of the corpus as tests.
        .target(
            name: "FuzzTargets",
            dependencies: ["LensCore", "Gate", "Bench", "Simulator", "Stats", "Import"],
            path: "Fuzz/FuzzTargets"),
        .executableTarget(
            name: "lens-gate-fuzz",
            dependencies: ["FuzzTargets"],
            path: "Fuzz/lens-gate-fuzz"),

        // What the test suites share: one process runner, the lens-gate binary, scratch paths, the repository root.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "StatsTests", dependencies: ["Stats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LensCoreTests", dependencies: ["TestSupport", "LensCore"]),
        .testTarget(
            name: "GateTests", dependencies: ["TestSupport", "Gate", "LensCore", "Stats", "DecisionSimulation"],
            exclude: ["Golden", "Schemas"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "LensCore", "Simulator", "Stats"]),
        .testTarget(name: "SimulatorTests", dependencies: ["LensCore", "Simulator"]),
        .testTarget(
            name: "PublishTests",
            dependencies: [
                "TestSupport", "Publish", "Gate", "LensCore", "LensGateCLI",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["TestSupport", "LensCore", "LensGateCLI", "Simulator", "FuzzTargets", "Stats"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ImportTests", dependencies: ["TestSupport", "Import", "LensCore", "Gate"],
            exclude: ["Fixtures"]),
        .testTarget(name: "FuzzTests", dependencies: ["TestSupport", "FuzzTargets"]),
    ]
)
