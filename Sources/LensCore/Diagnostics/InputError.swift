/// Bad input from a file the user gave: unreadable, malformed, or invalid at a named field.
///
/// Renders as one line in the compiler-style `file:line:column: field: reason` form that editors
/// and CI log viewers turn into links.
public struct InputError: DiagnosedError, Equatable {
    /// The file at fault as the user named it, if the problem belongs to a file.
    public var file: String?
    /// Where in the file, when known.
    public var position: TextPosition
    /// Which field, when the problem belongs to one.
    public var field: FieldPath?
    /// What is wrong and what to do.
    public var reason: String
    /// How the process should exit (input error unless a missing baseline says otherwise).
    public var exitStatus: ExitStatus

    /// Creates an input error.
    public init(
        file: String?, position: TextPosition = .unknown, field: FieldPath? = nil, reason: String,
        exitStatus: ExitStatus = .inputError
    ) {
        self.file = file
        self.position = position
        self.field = field
        self.reason = reason
        self.exitStatus = exitStatus
    }

    /// Attaches a file name to a field error.
    public init(file: String, _ error: FieldError, exitStatus: ExitStatus = .inputError) {
        self.init(file: file, position: error.position, field: error.path, reason: error.reason, exitStatus: exitStatus)
    }

    public var description: String {
        var prefix = file ?? ""
        if let file, !file.isEmpty, position.line > 0 { prefix = "\(file):\(position)" }
        var parts: [String] = []
        if !prefix.isEmpty { parts.append(prefix) }
        if let field, !field.components.isEmpty { parts.append(field.description) }
        parts.append(reason)
        return parts.joined(separator: ": ")
    }
}
