public import Foundation
public import QuoteCore

/// The quotewatch store, whichever backend holds it (DESIGN §7): ``SQLiteStore``, the embedded
/// default of one instance, or a PostgreSQL server that several instances share. The scheduler,
/// the pipeline, the control server, the watchdog, the web pages and the read-only commands see
/// only this protocol; every backend passes the same contract tests.
///
/// Each write is one transaction: a reading of an item commits its state with its events, and an
/// event is written with its deliveries.
public protocol Store: Sendable {
    /// The file or server, as messages name it (a server URL without its password).
    var location: String { get }

    /// From now on, each event is queued for delivery to each of these hooks whose filters it passes.
    func setHooks(_ hooks: [HookConfig])
    /// From now on, `observer` hears how long each write transaction took.
    func observeWrites(_ observer: @escaping @Sendable (Duration) -> Void)
    /// Answers when the store does (the watchdog's health check).
    func ping() async throws(StoreError)

    // MARK: Feeds

    /// The stored state of a feed, or nil if it was never fetched.
    func feedState(id: String) async throws(StoreError) -> FeedState?
    /// Every stored feed state, by id.
    func feedStates() async throws(StoreError) -> [FeedState]
    /// Saves a feed's state and the feed events it raised in one transaction; returns the events
    /// with their ids.
    @discardableResult
    func save(_ state: FeedState, events: [ChangeEvent]) async throws(StoreError) -> [ChangeEvent]
    /// The feeds among `ids` this instance may refresh now: not held by another instance and not
    /// refreshed by one since `since` (nil: due by their stored time), leased to this instance.
    /// One instance alone holds them all.
    func leaseFeeds(_ ids: [String], urls: [String: String], since: Date?, now: Date) async throws(StoreError) -> [String]
    /// Renews this instance's leases of feeds whose refresh goes on.
    func renewLeases(_ ids: [String], now: Date) async throws(StoreError)
    /// The feeds among `ids` not refreshed since `since` that another instance holds now.
    func feedsHeldElsewhere(_ ids: [String], since: Date, now: Date) async throws(StoreError) -> [String]

    // MARK: Items

    func storedItem(feedID: String, identity: String) async throws(StoreError) -> StoredItem?
    /// The stored items of a feed among `identities`, by identity, in one read.
    func storedItems(feedID: String, identities: [String]) async throws(StoreError) -> [String: StoredItem]
    func latestVersion(itemID: Int64) async throws(StoreError) -> ItemVersion?
    /// Writes one reading of an item in one transaction; returns its events as stored, in order.
    func commit(_ commit: ItemCommit) async throws(StoreError) -> [ChangeEvent]
    func savePage(_ page: PageState, itemID: Int64) async throws(StoreError)
    /// Marks which items of a feed are in it now.
    func markInFeed(feedID: String, identities: Set<String>) async throws(StoreError)
    /// The items still in a feed whose linked page is due by `time` (nil: all), oldest first.
    func itemsWithPages(feedID: String, dueBy time: Date?) async throws(StoreError) -> [StoredItem]
    /// The earliest time a linked page of each feed is due, by feed id.
    func nextPageDue() async throws(StoreError) -> [String: Date]
    /// The items still in these feeds that have a version, with their latest, `limit` at a time after item id `after`.
    func itemsWithLatestVersion(feedIDs: [String], after: Int64, limit: Int) async throws(StoreError) -> [(StoredItem, ItemVersion)]
    /// Every stored version of the items whose identity or link is `item`, in any feed.
    func history(of item: String) async throws(StoreError) -> [ItemHistory]
    /// Stored quotes, optionally of one speaker and of one statement.
    func quotes(speaker: String?, statement: String?) async throws(StoreError) -> [StoredQuote]

    // MARK: Events

    /// Events in id order (or newest first), filtered by the query.
    func events(_ query: EventQuery) async throws(StoreError) -> [ChangeEvent]
    /// Per statement id: its event and item counts and its latest event.
    func statementSummaries() async throws(StoreError) -> [String: StatementSummary]
    /// Events this instance committed but did not log, in id order.
    func unloggedEvents() async throws(StoreError) -> [ChangeEvent]
    func markLogged(_ ids: [Int64]) async throws(StoreError)
    /// Statement id → fingerprint, as last recorded.
    func statementFingerprints() async throws(StoreError) -> [String: String]
    /// Records the statements as now configured, dropping the states of those no longer configured.
    func recordStatements(_ fingerprints: [String: String]) async throws(StoreError)

    // MARK: Deliveries

    /// The hook's next delivery in event order (due or not), nil when there is none for this instance.
    func nextDelivery(hook: String) async throws(StoreError) -> PendingDelivery?
    func recordDelivered(_ delivery: PendingDelivery, at time: Date) async throws(StoreError)
    func recordFailure(_ delivery: PendingDelivery, error: String, nextTry: Date, at time: Date) async throws(StoreError)
    /// Drops the queues and states of hooks no longer configured.
    func dropDeliveries(keepingHooks hooks: Set<String>) async throws(StoreError)
    func hookStates() async throws(StoreError) -> [HookState]
}

extension Store {
    /// Saves a feed's state that raised no event.
    @discardableResult
    public func save(_ state: FeedState) async throws(StoreError) -> [ChangeEvent] {
        try await save(state, events: [])
    }

    /// Every event, in id order.
    public func events() async throws(StoreError) -> [ChangeEvent] {
        try await events(EventQuery())
    }
}
