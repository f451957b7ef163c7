import LensCore

/// An engine's `/metrics` page as `engine_metrics` reads it: the exposition parser, then the
/// figures of the page against itself and against its first half (as the page before), with
/// every family on it named by `include:`.
public enum MetricsTarget {
    @Sendable public static func run(_ bytes: [UInt8]) {
        guard let after = try? ExpositionParser.parse(bytes) else { return }
        let before = try? ExpositionParser.parse(Array(bytes.prefix(bytes.count / 2)))
        let include = after.families.prefix(64).map(\.name)
        for figure in ScrapePair(before: before, after: after).figures(include: include) + ScrapePair(before: after, after: after).figures()
        {
            // What a results file must be able to hold.
            precondition(figure.value.isFinite && figure.value >= 0 && EngineFigure.isValidName(figure.name), "bad figure \(figure)")
        }
    }
}
