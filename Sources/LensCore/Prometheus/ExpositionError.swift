/// Why an exposition page could not be read, at which line: `metrics line 12: ...`.
public struct ExpositionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line at fault (0 when the problem is the page as a whole).
    public var line: Int
    /// What is wrong, with any text from the page made inert.
    public var reason: String

    /// Creates an error.
    public init(line: Int, _ reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "metrics line \(line): \(reason)" : "metrics page: \(reason)"
    }
}
