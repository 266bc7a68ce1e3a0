/// What ``TestHTTPServer`` does for one path.
public struct TestRoute: Sendable {
    /// How the answer goes out.
    public enum Behavior: Sendable {
        /// Head and body at once, `Content-Length` set, connection kept open.
        case respond
        /// Waits this many seconds, then answers as `.respond`.
        case delay(Double)
        /// Head at once, then the body one byte every `interval` seconds.
        case trickle(interval: Double)
        /// Head (with the full `Content-Length`), this many body bytes, then a TCP reset.
        case resetAfter(bytes: Int)
        /// Reads the request and never says a word.
        case neverAnswer
        /// No `Content-Length`: the body ends when the server closes the connection.
        case closeDelimited
    }

    public var status = 200
    public var headers: [(String, String)] = []
    public var body: [UInt8] = []
    /// Gzip the body (and say so) when the request's `Accept-Encoding` allows it.
    public var gzip = false
    public var behavior = Behavior.respond
    /// When set: sent as `ETag`, and a matching `If-None-Match` gets a 304.
    public var etag: String?
    /// When set: sent as `Last-Modified`, and an identical `If-Modified-Since` gets a 304.
    public var lastModified: String?

    public init(
        status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], gzip: Bool = false,
        behavior: Behavior = .respond, etag: String? = nil, lastModified: String? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.gzip = gzip
        self.behavior = behavior
        self.etag = etag
        self.lastModified = lastModified
    }

    /// A 200 with `text` as the body.
    public static func ok(_ text: String, headers: [(String, String)] = []) -> TestRoute {
        TestRoute(status: 200, headers: headers, body: Array(text.utf8))
    }

    /// A redirect with this status to `location`.
    public static func redirect(_ status: Int, to location: String) -> TestRoute {
        TestRoute(status: status, headers: [("Location", location)])
    }
}
