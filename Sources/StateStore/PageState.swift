import Foundation

/// What the store remembers of an item's linked page (`fetchArticles`) between reads: its own
/// validators and hash, its schedule, and its failures. A failed read never changes the validators
/// or the hash (DESIGN §5).
public struct PageState: Sendable, Hashable {
    /// The link that was fetched; the validators belong to it.
    public var url: String?
    /// Where the page was read from, after redirects.
    public var finalURL: String?
    public var etag: String?
    public var lastModified: String?
    /// A hash of the last body read whole.
    public var hash: String?
    /// The last attempt.
    public var fetched: Date?
    /// The HTTP status of the last attempt (200, 304, 404 …), nil for a transport failure.
    public var status: Int?
    /// Why the last attempt failed, nil after a success.
    public var error: String?
    public var failures: Int
    /// When the page is to be read again; nil: not on a schedule.
    public var nextDue: Date?

    public init(
        url: String? = nil, finalURL: String? = nil, etag: String? = nil, lastModified: String? = nil, hash: String? = nil,
        fetched: Date? = nil, status: Int? = nil, error: String? = nil, failures: Int = 0, nextDue: Date? = nil
    ) {
        self.url = url
        self.finalURL = finalURL
        self.etag = etag
        self.lastModified = lastModified
        self.hash = hash
        self.fetched = fetched
        self.status = status
        self.error = error
        self.failures = failures
        self.nextDue = nextDue
    }
}
