/// The caps that bound what one exposition page may make lens-gate hold; a page past one is refused.
///
/// A real engine's page is tens to hundreds of KiB (vLLM with a few models: ~2,000 samples), so
/// the defaults leave a hundredfold margin while keeping a hostile page's cost to a few hundred MiB.
public struct ExpositionLimits: Sendable, Equatable {
    /// The largest page, in bytes.
    public var maxBytes = 32 << 20
    /// The most samples on a page.
    public var maxSamples = 500_000
    /// The most labels on one sample.
    public var maxLabels = 128
    /// The longest line, in bytes.
    public var maxLineBytes = 1 << 20

    /// The default caps.
    public init() {}

    /// Caps given explicitly (tests use small ones).
    public init(maxBytes: Int, maxSamples: Int, maxLabels: Int, maxLineBytes: Int) {
        self.maxBytes = maxBytes
        self.maxSamples = maxSamples
        self.maxLabels = maxLabels
        self.maxLineBytes = maxLineBytes
    }
}
