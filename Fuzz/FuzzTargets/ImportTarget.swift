import Gate
import Import
import LensCore

/// Another tool's output as `check` and `import` read it, detected and (for inputs up to 256 KiB,
/// so that one trial stays well under the hang limit in a debug build) under every forced
/// format, then the gate's whole pipeline on what is accepted.
public enum ImportTarget {
    @Sendable public static func run(_ bytes: [UInt8]) {
        let forced = bytes.count <= 256 * 1024 ? ForeignFormat.allCases.map(Optional.some) : []
        for format in [nil] + forced {
            guard let imported = try? ForeignResults.convert(bytes, file: "fuzz", format: format) else { continue }
            GatePipeline.requireRoundTrip(ResultsFile.encode(imported.results), what: "imported results") { bytes in
                _ = try Results(json: try JSONParser.parse(bytes))
            }
            GatePipeline.judge(imported.results, baseline: GatePipeline.reference)
            GatePipeline.judge(imported.results, baseline: imported.results)
        }
    }
}
