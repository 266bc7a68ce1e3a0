/// One feed fetch: where to get it, the validators stored from the last fetch, and its limits.
///
/// `url` takes `http://`, `https://`, `file://` and absolute plain paths (read as files).
/// Redirects may only lead to `http` and `https`, whatever the scheme of `url`.
public struct FetchRequest: Sendable {
    /// The URL to fetch: `http://`, `https://`, `file://`, or an absolute plain path (read as a file).
    public var url: String
    /// The `ETag` stored from the last fetch, sent back verbatim as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` stored from the last fetch, sent back verbatim as `If-Modified-Since`.
    public var lastModified: String?
    /// Seconds allowed to establish the connection (default 10).
    public var connectTimeout: Double
    /// Seconds allowed for the whole transfer, redirects included (default 30).
    public var totalTimeout: Double
    /// The largest decoded body accepted, in bytes (default 10 MB); enforced while receiving.
    public var maxBodyBytes: Int
    /// The most redirects followed (default 5); one more is an error.
    public var maxRedirects: Int
    /// Something to send instead (a hook's POST or email); nil for a fetch.
    public var upload: Upload?

    /// Creates a request; only `url` is required.
    public init(
        url: String, etag: String? = nil, lastModified: String? = nil, connectTimeout: Double = 10,
        totalTimeout: Double = 30, maxBodyBytes: Int = 10_000_000, maxRedirects: Int = 5, upload: Upload? = nil
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.upload = upload
    }
}
