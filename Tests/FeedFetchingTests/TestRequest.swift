/// A request as ``TestHTTPServer`` received it.
struct TestRequest: Sendable {
    var method: String
    var path: String
    /// Header names lowercased; the last value wins.
    var headers: [String: String]
}
