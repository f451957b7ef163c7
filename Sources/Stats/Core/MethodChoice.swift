/// How a rank test should compute its p-value.
public enum MethodChoice: Sendable, Equatable, Hashable {
    /// scipy's 'auto' rule for the test (exact for small samples without ties).
    case automatic
    /// The exact null distribution (ignores ties, as scipy does).
    case exact
    /// The normal approximation with tie correction.
    case asymptotic
}

/// How a p-value was actually computed.
public enum PValueMethod: Sendable, Equatable, Hashable {
    /// From the exact null distribution of the statistic.
    case exact
    /// From the normal approximation.
    case asymptotic
}
