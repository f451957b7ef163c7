/// An error raised while configuring, starting or stopping a simulator.
public enum SimulatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration value is out of range; `name` is the parameter, `remedy` says what is accepted.
    case invalidParameter(name: String, value: String, remedy: String)
    /// The truth log file could not be opened or written; `reason` is the failing step and the system's reason.
    case truthLogUnwritable(path: String, reason: String)
    /// The listening socket could not be bound.
    case bindFailed(host: String, port: Int, cause: String)

    /// A one-line explanation naming what failed and what to do.
    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let remedy):
            return "simulator: invalid \(name) '\(value)': \(remedy)"
        case .truthLogUnwritable(let path, let reason):
            return "simulator: cannot write truth log '\(path)' (\(reason)); "
                + "check that the directory exists and is writable"
        case .bindFailed(let host, let port, let cause):
            return "simulator: cannot listen on \(host):\(port): \(cause); "
                + "pick another port or use 0 for a free one"
        }
    }
}
