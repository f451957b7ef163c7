/// Parses a Prometheus text-format (0.0.4) or OpenMetrics 1.0 text page into metric families.
///
/// Pure: bytes in, families out. The page is read line by line (LF or CRLF); `# HELP`, `# TYPE`
/// and `# UNIT` declare metadata, other comments and blank lines are skipped, `# EOF` ends an
/// OpenMetrics page. Samples are then grouped into the family their name belongs to: the
/// declared family of the same name, else the declared family whose type allows the sample's
/// suffix (`_total`, `_bucket`, `_sum`, `_count`, `_created`, ...), else an untyped family of
/// its own. Every failure names its line; nothing on a page can trap or grow past the limits.
public enum ExpositionParser {
    /// The families of `page`, in the order they first appear.
    public static func parse(_ page: [UInt8], limits: ExpositionLimits = ExpositionLimits()) throws(ExpositionError) -> ExpositionPage {
        guard page.count <= limits.maxBytes else {
            throw ExpositionError(line: 0, "the page is \(page.count) bytes, over the \(limits.maxBytes)-byte limit")
        }
        var declarations = Declarations()
        var samples: [ExpositionSample] = []
        var lineNumber = 0
        var start = 0
        var sawEOF = false
        while start < page.count {
            lineNumber += 1
            var stop = start
            while stop < page.count, page[stop] != UInt8(ascii: "\n") { stop += 1 }
            let next = stop + 1
            if stop > start, page[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            defer { start = next }
            guard stop - start <= limits.maxLineBytes else {
                throw ExpositionError(line: lineNumber, "the line is longer than \(limits.maxLineBytes) bytes")
            }
            var first = start
            while first < stop, page[first] == UInt8(ascii: " ") || page[first] == UInt8(ascii: "\t") { first += 1 }
            if first == stop { continue }
            if sawEOF { throw ExpositionError(line: lineNumber, "text after # EOF") }
            var scanner = SampleLineScanner(page, from: first, to: stop, maxLabels: limits.maxLabels)
            if page[first] == UInt8(ascii: "#") {
                _ = scanner.token()
                sawEOF = try declarations.read(&scanner, line: lineNumber)
                continue
            }
            switch scanner.sample(line: lineNumber) {
            case .success(let sample):
                guard samples.count < limits.maxSamples else {
                    throw ExpositionError(line: lineNumber, "more than \(limits.maxSamples) samples on the page")
                }
                samples.append(sample)
            case .failure(let failure):
                throw ExpositionError(line: lineNumber, InertText.singleLine(failure.reason))
            }
        }
        return try group(samples, declarations)
    }

    /// Whether `name` is a valid metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    public static func isMetricName(_ name: String) -> Bool { SampleLineScanner.isMetricName(name) }

    /// Parses text (tests and fixtures).
    public static func parse(_ page: String, limits: ExpositionLimits = ExpositionLimits()) throws(ExpositionError) -> ExpositionPage {
        try parse(Array(page.utf8), limits: limits)
    }

    /// Assigns samples to families and checks what a family's type requires of its samples.
    private static func group(_ samples: [ExpositionSample], _ declarations: Declarations) throws(ExpositionError) -> ExpositionPage {
        var families: [MetricFamily] = []
        var indexByName: [String: Int] = [:]
        for name in declarations.order {
            indexByName[name] = families.count
            families.append(
                MetricFamily(
                    name: name, type: declarations.types[name] ?? .untyped, help: declarations.help[name], unit: declarations.units[name]))
        }
        for sample in samples {
            let familyName = declarations.family(of: sample.name)
            let index: Int
            if let known = indexByName[familyName] {
                index = known
            } else {
                index = families.count
                indexByName[familyName] = index
                families.append(MetricFamily(name: familyName, type: .untyped))
            }
            if families[index].type == .histogram || families[index].type == .gaugehistogram, sample.name == familyName + "_bucket" {
                guard let bound = sample[label: "le"] else {
                    throw ExpositionError(line: sample.line, "\(InertText.singleLine(sample.name)) has no le label")
                }
                guard ExpositionPage.bound(bound) != nil else {
                    throw ExpositionError(line: sample.line, "le=\"\(InertText.singleLine(bound))\" is not a number")
                }
            }
            families[index].samples.append(sample)
        }
        // Metadata without samples (a HELP for a series not yet observed) says nothing.
        return ExpositionPage(families: families.filter { !$0.samples.isEmpty })
    }

    /// The `# HELP`, `# TYPE` and `# UNIT` lines of a page.
    private struct Declarations {
        var types: [String: MetricType] = [:]
        var help: [String: String] = [:]
        var units: [String: String] = [:]
        /// Declared names in first-seen order.
        var order: [String] = []

        /// Reads a comment line after its `#`; returns whether it was `# EOF`.
        mutating func read(_ scanner: inout SampleLineScanner, line: Int) throws(ExpositionError) -> Bool {
            let keyword = scanner.token()
            switch keyword {
            case "EOF":
                return true
            case "HELP", "TYPE", "UNIT":
                guard let name = scanner.token(), SampleLineScanner.isMetricName(name) else {
                    throw ExpositionError(line: line, "# \(keyword ?? "") needs a metric name")
                }
                if !order.contains(name) { order.append(name) }
                if keyword == "TYPE" {
                    guard types[name] == nil else { throw ExpositionError(line: line, "a second # TYPE line for \(name)") }
                    let written = scanner.token() ?? ""
                    guard let type = MetricType(rawValue: written.lowercased()) else {
                        let known = MetricType.allCases.map(\.rawValue).joined(separator: ", ")
                        throw ExpositionError(
                            line: line, "unknown metric type '\(InertText.singleLine(written))' for \(name) (known: \(known))")
                    }
                    types[name] = type
                } else if keyword == "HELP" {
                    help[name] = scanner.restUnescaped()
                } else {
                    units[name] = scanner.token() ?? ""
                }
                return false
            default:
                // Any other comment is free text.
                return false
            }
        }

        /// The family a sample name belongs to.
        func family(of sample: String) -> String {
            if types[sample] != nil { return sample }
            for (suffix, base) in Self.suffixes(of: sample) {
                if let type = types[base], type.sampleSuffixes.contains(suffix) { return base }
            }
            return sample
        }

        private static let allSuffixes = ["_total", "_created", "_bucket", "_sum", "_count", "_gsum", "_gcount", "_info"]

        private static func suffixes(of name: String) -> [(suffix: String, base: String)] {
            allSuffixes.compactMap { suffix in
                name.hasSuffix(suffix) && name.count > suffix.count ? (suffix, String(name.dropLast(suffix.count))) : nil
            }
        }
    }
}
