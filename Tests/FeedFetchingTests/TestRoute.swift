/// What ``TestHTTPServer`` does for one path.
struct TestRoute: Sendable {
    /// How the answer goes out.
    enum Behavior: Sendable {
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

    var status = 200
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    /// Gzip the body (and say so) when the request's `Accept-Encoding` allows it.
    var gzip = false
    var behavior = Behavior.respond
    /// When set: sent as `ETag`, and a matching `If-None-Match` gets a 304.
    var etag: String?
    /// When set: sent as `Last-Modified`, and an identical `If-Modified-Since` gets a 304.
    var lastModified: String?

    /// A 200 with `text` as the body.
    static func ok(_ text: String, headers: [(String, String)] = []) -> TestRoute {
        TestRoute(status: 200, headers: headers, body: Array(text.utf8))
    }

    /// A redirect with this status to `location`.
    static func redirect(_ status: Int, to location: String) -> TestRoute {
        TestRoute(status: status, headers: [("Location", location)])
    }
}
