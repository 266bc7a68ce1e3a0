/// A successful fetch: a 2xx body, or a 304 that says the stored copy is still current.
public struct FetchResponse: Sendable, Equatable {
    /// The HTTP status: 200 (or another 2xx) with a body, or 304 Not Modified with an empty body.
    /// A file read reports 200.
    public var status: Int
    /// The body, with any `Content-Encoding` (gzip, deflate, br) already undone.
    public var body: [UInt8]
    /// The final response's `ETag`, verbatim, to send back next time. A 304 may omit it: keep the old one then.
    public var etag: String?
    /// The final response's `Last-Modified`, verbatim, to send back next time. A 304 may omit it too.
    public var lastModified: String?
    /// The `Content-Type` header as sent, e.g. `application/rss+xml; charset=iso-8859-1`.
    public var contentType: String?
    /// The URL the body came from, after redirects.
    public var effectiveURL: String
    /// Set when the request was redirected and every hop was a 301 or 308: the URL to store from now on.
    public var permanentRedirect: String?
    /// Not used on success (always `nil`); see ``FetchError/retryAfter`` for 429 and 503.
    public var retryAfter: Double?

    /// Creates a response; the fetcher builds these, tests and fakes may too.
    public init(
        status: Int, body: [UInt8], etag: String? = nil, lastModified: String? = nil, contentType: String? = nil,
        effectiveURL: String, permanentRedirect: String? = nil, retryAfter: Double? = nil
    ) {
        self.status = status
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.effectiveURL = effectiveURL
        self.permanentRedirect = permanentRedirect
        self.retryAfter = retryAfter
    }
}
