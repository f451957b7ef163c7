/// Names of HTTP headers and URL parameters whose values are credentials.
///
/// A name is sensitive when, lower-cased, it contains `key`, `token`, `secret`, `passw`, `auth`,
/// `signature`, `credential`, `cookie` or `session` (`Authorization`, `Proxy-Authorization`,
/// `X-Api-Key`, `api-key`, `Cookie`, `access_token`, `client_secret`, `X-Amz-Signature`…), or is
/// one of the short names `sig`, `code`, `pwd`, `pass` (Azure SAS signatures, OAuth codes). The
/// list errs on the side of hiding: masking a harmless value costs a word in a log, leaking a key
/// costs a rotation.
public enum SensitiveName {
    /// Fragments whose presence anywhere in a name marks it sensitive.
    public static let fragments = ["key", "token", "secret", "passw", "auth", "signature", "credential", "cookie", "session"]
    /// Whole names that are sensitive though they contain no fragment.
    public static let exactNames: Set<String> = ["sig", "code", "pwd", "pass"]

    /// Whether values under this header or parameter name are credentials.
    public static func matches(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return exactNames.contains(lowered) || fragments.contains { lowered.contains($0) }
    }
}
