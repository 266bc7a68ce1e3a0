/// A validated quotewatch configuration (DESIGN §4, `feeds.json`).
///
/// Built only by ``ConfigLoader``, which resolves relative paths against the config file's folder,
/// so every path here is absolute.
public struct Config: Sendable, Hashable {
    /// The default interval between two fetches of a feed.
    public var refreshInterval: Double
    /// Absolute path of the SQLite store, or the `postgresql://` URL of a shared server (DESIGN §7).
    public var databasePath: String
    /// Whether the store is a PostgreSQL server that several instances share.
    public var isSharedStore: Bool { PostgresURL.isPostgres(databasePath) }
    public var feeds: [FeedConfig]
    public var statements: [Statement]
    /// Bounds on documents and on the configuration itself.
    public var limits: Limits
    /// Where the events are delivered besides the log (DESIGN §9).
    public var hooks: [HookConfig]
    /// Where the web pages, API and metrics are served (DESIGN §8); nil: not served.
    public var http: HTTPConfig?

    public init(
        refreshInterval: Double, databasePath: String, feeds: [FeedConfig], statements: [Statement], limits: Limits = Limits(),
        hooks: [HookConfig] = [], http: HTTPConfig? = nil
    ) {
        self.http = http
        self.refreshInterval = refreshInterval
        self.databasePath = databasePath
        self.feeds = feeds
        self.statements = statements
        self.limits = limits
        self.hooks = hooks
    }

    /// The hook with this id, if configured.
    public func hook(id: String) -> HookConfig? {
        hooks.first { $0.id == id }
    }

    /// The feed with this id, if configured.
    public func feed(id: String) -> FeedConfig? {
        feeds.first { $0.id == id }
    }
}
