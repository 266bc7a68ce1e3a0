import Foundation

/// What the store remembers of one feed between fetches: validators, the last result, failures.
public struct FeedState: Sendable, Hashable, Codable {
    /// The outcome of the last fetch, as `status --json` names it.
    public enum Result: String, Sendable, Hashable, Codable {
        case ok
        case notModified = "not-modified"
        case failed
        case pending
    }

    public var id: String
    /// The configured URL.
    public var url: String
    /// Where the feed moved permanently (every redirect hop a 301 or 308): fetched instead of `url`
    /// until the configured URL changes.
    public var fetchURL: String?
    /// The ETag the server last sent, verbatim.
    public var etag: String?
    /// The Last-Modified the server last sent, verbatim.
    public var lastModified: String?
    /// A hash of the last processed body and the statements it was read against.
    public var bodyHash: String?
    public var lastFetch: Date?
    public var result: Result
    public var httpStatus: Int?
    public var error: String?
    public var consecutiveFailures: Int
    public var nextDue: Date?

    public init(
        id: String, url: String, fetchURL: String? = nil, etag: String? = nil, lastModified: String? = nil, bodyHash: String? = nil,
        lastFetch: Date? = nil, result: Result = .pending, httpStatus: Int? = nil, error: String? = nil,
        consecutiveFailures: Int = 0, nextDue: Date? = nil
    ) {
        self.id = id
        self.url = url
        self.fetchURL = fetchURL
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.lastFetch = lastFetch
        self.result = result
        self.httpStatus = httpStatus
        self.error = error
        self.consecutiveFailures = consecutiveFailures
        self.nextDue = nextDue
    }
}
