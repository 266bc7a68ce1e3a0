/// One answer line of the control socket, as a client reads it. Which fields are set tells the kind:
/// `ok` (false with `error`, or true with `accepted`), `feed` with `state` (a feed's progress), or
/// `done` (the end of a waited-for refresh, with its totals).
public struct ControlAnswer: Decodable, Sendable, Equatable {
    public var ok: Bool?
    public var error: String?
    /// The feeds a refresh request asked for.
    public var accepted: [String]?
    public var feed: String?
    /// "fetching" or "done".
    public var state: String?
    /// "ok", "not-modified", "failed", "cancelled" or "skipped".
    public var result: String?
    public var items: Int?
    public var events: Int?
    public var done: Bool?
    /// The number of feeds of a finished refresh.
    public var feeds: Int?
    /// How many feeds ended with each result.
    public var results: [String: Int]?

    public init(
        ok: Bool? = nil, error: String? = nil, accepted: [String]? = nil, feed: String? = nil, state: String? = nil,
        result: String? = nil, items: Int? = nil, events: Int? = nil, done: Bool? = nil, feeds: Int? = nil, results: [String: Int]? = nil
    ) {
        self.ok = ok
        self.error = error
        self.accepted = accepted
        self.feed = feed
        self.state = state
        self.result = result
        self.items = items
        self.events = events
        self.done = done
        self.feeds = feeds
        self.results = results
    }
}
