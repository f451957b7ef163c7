/// The alternative hypothesis of a test, with scipy's meaning for two samples `(a, b)`.
///
/// `.less` means the first sample tends to be smaller than the second; `.greater` means it tends
/// to be larger; `.twoSided` means they differ in either direction.
public enum Alternative: Sendable, Equatable, Hashable, CaseIterable {
    /// The samples differ in either direction.
    case twoSided
    /// The first sample tends to be smaller than the second.
    case less
    /// The first sample tends to be larger than the second.
    case greater
}
