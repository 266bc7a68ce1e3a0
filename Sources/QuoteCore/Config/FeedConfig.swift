/// One watched feed of the configuration.
public struct FeedConfig: Sendable, Hashable {
    /// Default seconds to wait for a connection.
    public static let defaultConnectTimeout = 10.0
    /// Default seconds for a whole transfer.
    public static let defaultTimeout = 30.0

    public var id: String
    /// The URL to fetch: `http(s)://`, `file://`, or an absolute file path (relative paths in
    /// feeds.json are resolved against the config file's folder).
    public var url: String
    /// Seconds between fetches; nil uses the configuration's `refreshInterval`.
    public var refreshInterval: Double?
    /// Whether to read quotes from each item's linked page (its main text) instead of the feed's text.
    public var fetchArticles: Bool
    /// How often the linked pages are read again while their item stays in the feed.
    public var articleRecheck: ArticleRecheck
    public var connectTimeout: Double
    public var timeout: Double

    public init(
        id: String, url: String, refreshInterval: Double? = nil, fetchArticles: Bool = false,
        articleRecheck: ArticleRecheck = ArticleRecheck(),
        connectTimeout: Double = FeedConfig.defaultConnectTimeout, timeout: Double = FeedConfig.defaultTimeout
    ) {
        self.id = id
        self.url = url
        self.refreshInterval = refreshInterval
        self.fetchArticles = fetchArticles
        self.articleRecheck = articleRecheck
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Whether the feed is read from the local file system rather than over HTTP.
    public var isFile: Bool {
        !(url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://"))
    }
}
