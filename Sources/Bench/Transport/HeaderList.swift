import CCurl

/// Owns a curl header list (`curl_slist`), freed in `deinit`.
///
/// Built once per target and shared by all of its transfers; the list may hold credentials, so it
/// is never rendered.
final class HeaderList {
    /// The C list (nil when empty).
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    /// Builds a list from header lines (`Name: value`).
    init(lines: [String]) {
        for line in lines { raw = curl_slist_append(raw, line) }
    }

    deinit { curl_slist_free_all(raw) }
}
