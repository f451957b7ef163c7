/// One HTTP request to a CI platform's API.
///
/// Header lines may carry credentials, so a request is never rendered: its description names only
/// the method and URL.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    /// The HTTP method: `GET`, `POST`, `PATCH` or `PUT`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header lines, `Name: value`.
    public var headerLines: [String]
    /// The request body (JSON), if any.
    public var body: [UInt8]?

    /// Creates a request.
    public init(method: String, url: String, headerLines: [String] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headerLines = headerLines
        self.body = body
    }

    /// `METHOD URL`, never the headers.
    public var description: String { "\(method) \(url)" }
}

/// One HTTP response: status, headers (names as sent) and body.
public struct HTTPResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields in the order received.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// Whether the status is 2xx.
    public var succeeded: Bool { (200..<300).contains(status) }

    /// Equal status, headers and body.
    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" }
    }
}

/// A request that got no HTTP response at all (refused, unresolvable, timed out, TLS failure).
public struct TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL that was requested.
    public var url: String
    /// libcurl's message.
    public var reason: String

    /// Creates a transport failure.
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    /// `URL: reason`.
    public var description: String { "\(url): \(reason)" }
}

/// Sends HTTP requests and waits for the answers; a fake stands in for it in tests.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the response, or throws when no response came.
    func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse
}
