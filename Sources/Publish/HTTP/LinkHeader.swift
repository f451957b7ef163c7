/// Reads RFC 8288 `Link` headers, as GitHub uses them for pagination.
public enum LinkHeader {
    /// The URL of the link with `rel="next"`, or nil when there is no next page.
    ///
    /// `<https://api.github.com/…?page=2>; rel="next", <…>; rel="last"` → the first URL.
    public static func next(in header: String?) -> String? {
        guard let header else { return nil }
        for link in header.split(separator: ",") {
            let parts = link.split(separator: ";")
            guard let target = parts.first else { continue }
            let url = target.drop { $0 == " " }
            guard url.hasPrefix("<"), url.hasSuffix(">") else { continue }
            let isNext = parts.dropFirst().contains { parameter in
                let text = parameter.drop { $0 == " " }.lowercased()
                guard text.hasPrefix("rel=") else { return false }
                // `rel` may list several relation types: rel="next last".
                return text.dropFirst(4).filter { $0 != "\"" }.split(separator: " ").contains("next")
            }
            if isNext { return String(url.dropFirst().dropLast()) }
        }
        return nil
    }
}
