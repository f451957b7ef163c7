/// A credential (API key, auth header value) that must never appear in results, logs, errors or reports.
///
/// Every textual rendering (`description`, `debugDescription`, string interpolation, `dump`) prints
/// `<redacted>`; only `revealedForTransport` gives the value, for the one place that puts it on the wire.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Wraps a credential value.
    public init(_ value: String) { self.value = value }

    /// The credential itself; call only to put it in an HTTP header, never to print or store it.
    public var revealedForTransport: String { value }

    /// True when the credential is the empty string.
    public var isEmpty: Bool { value.isEmpty }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `Secret(<redacted>)`.
    public var debugDescription: String { "Secret(<redacted>)" }
    /// A mirror without children, so `dump` shows nothing either.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Where a credential comes from: the name of an environment variable, written `${NAME}` in YAML.
///
/// Literal keys are refused in config files because config files end up in version control.
public struct CredentialSource: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The environment variable that holds the credential.
    public var variable: String

    /// Refers to an environment variable.
    public init(variable: String) { self.variable = variable }

    /// The reference as written, `${NAME}` (a name, never a value).
    public var description: String { "${\(variable)}" }

    /// Parses `${NAME}` (or `$NAME`); nil when the text is not a variable reference.
    public init?(reference text: String) {
        let trimmed = text.trimmingWhitespace
        var name = Substring(trimmed)
        if name.hasPrefix("${"), name.hasSuffix("}") {
            name = name.dropFirst(2).dropLast()
        } else if name.hasPrefix("$") {
            name = name.dropFirst()
        } else {
            return nil
        }
        guard let first = name.first, first == "_" || first.isLetter,
            name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        else { return nil }
        self.variable = String(name)
    }

    /// The credential from `environment`, or nil when the variable is unset or empty.
    public func resolve(in environment: [String: String]) -> Secret? {
        guard let value = environment[variable], !value.isEmpty else { return nil }
        return Secret(value)
    }
}

/// A header value that may embed `${NAME}` references, expanded from the environment at run time.
public struct TemplatedValue: Sendable, Equatable, Hashable {
    /// The text as written in the config (variable references unexpanded, so it holds no secret).
    public var template: String

    /// Creates a templated value.
    public init(_ template: String) { self.template = template }

    /// The variables the template refers to, in order of appearance.
    public var variables: [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else { break }
            names.append(String(after[..<end]))
            rest = after[after.index(after: end)...]
        }
        return names
    }

    /// Expands every `${NAME}`; returns the variable that is missing when one is unset.
    public func expand(in environment: [String: String]) -> Result<Secret, MissingVariable> {
        var output = ""
        var rest = Substring(template)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else { break }
            let name = String(after[..<end])
            guard let value = environment[name] else { return .failure(MissingVariable(name: name)) }
            output += value
            rest = after[after.index(after: end)...]
        }
        output += rest
        return .success(Secret(output))
    }

    /// An environment variable a template needs but the environment lacks.
    public struct MissingVariable: Error, Sendable, Equatable {
        /// The variable's name.
        public var name: String
    }
}
