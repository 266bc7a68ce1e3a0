/// A request as ``TestHTTPServer`` received it.
public struct TestRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased; the last value wins.
    public var headers: [String: String]
    /// The body, as `Content-Length` bounds it (empty without one).
    public var body: [UInt8] = []
}
