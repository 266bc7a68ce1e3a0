public import Foundation
import PostgresNIO
public import QuoteCore
public import StateStore

/// Feeds: their states, the events they raise, and the leases that share them among instances.
extension PostgresStore {
    static let feedColumns = """
        id, url, fetch_url, etag, last_modified, body_hash, last_fetch, result, http_status, error, consecutive_failures, next_due
        """

    static func feedState(_ row: PostgresRow) throws -> FeedState {
        let (id, url, fetchURL, etag, lastModified, bodyHash, lastFetch, result, status, error, failures, nextDue) = try row.decode(
            (String, String, String?, String?, String?, String?, Date?, String, Int?, String?, Int, Date?).self)
        return FeedState(
            id: id, url: url, fetchURL: fetchURL, etag: etag, lastModified: lastModified, bodyHash: bodyHash, lastFetch: lastFetch,
            result: FeedState.Result(rawValue: result) ?? .pending, httpStatus: status, error: error, consecutiveFailures: failures, nextDue: nextDue)
    }

    public func feedState(id: String) async throws(StoreError) -> FeedState? {
        try await read { connection in
            for try await row in try await connection.query("SELECT \(unescaped: Self.feedColumns) FROM feed WHERE id = \(id) AND result <> 'unfetched'", logger: logger) {
                return try Self.feedState(row)
            }
            return nil
        }
    }

    public func feedStates() async throws(StoreError) -> [FeedState] {
        try await read { connection in
            var states: [FeedState] = []
            for try await row in try await connection.query("SELECT \(unescaped: Self.feedColumns) FROM feed WHERE result <> 'unfetched' ORDER BY id", logger: logger) {
                states.append(try Self.feedState(row))
            }
            return states
        }
    }

    /// Saves a feed's state and the feed events it raised in one transaction, and gives up this
    /// instance's lease of the feed: it was refreshed.
    @discardableResult
    public func save(_ state: FeedState, events: [ChangeEvent] = []) async throws(StoreError) -> [ChangeEvent] {
        let hooks = configuredHooks
        return try await write { connection in
            try await connection.run("""
                INSERT INTO feed (id, url, fetch_url, etag, last_modified, body_hash, last_fetch, result, http_status, error, consecutive_failures, next_due)
                VALUES (\(state.id), \(state.url), \(state.fetchURL), \(state.etag), \(state.lastModified), \(state.bodyHash), \(state.lastFetch),
                  \(state.result.rawValue), \(state.httpStatus), \(state.error), \(state.consecutiveFailures), \(state.nextDue))
                ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, fetch_url = EXCLUDED.fetch_url, etag = EXCLUDED.etag,
                  last_modified = EXCLUDED.last_modified, body_hash = EXCLUDED.body_hash, last_fetch = EXCLUDED.last_fetch,
                  result = EXCLUDED.result, http_status = EXCLUDED.http_status, error = EXCLUDED.error,
                  consecutive_failures = EXCLUDED.consecutive_failures, next_due = EXCLUDED.next_due,
                  lease_owner = CASE WHEN feed.lease_owner = \(instance) THEN NULL ELSE feed.lease_owner END,
                  lease_until = CASE WHEN feed.lease_owner = \(instance) THEN NULL ELSE feed.lease_until END
                """, logger: logger)
            var stored: [ChangeEvent] = []
            for event in events { stored.append(try await insert(event, hooks: hooks, connection)) }
            return stored
        }
    }

    /// Leases the feeds among `ids` that no other instance holds and that no instance refreshed
    /// since `since` (nil: that are due by their stored `next_due`), for ``leaseDuration``:
    /// `SELECT … FOR UPDATE SKIP LOCKED`, so instances asking together split the feeds.
    /// - Returns: the ids this instance may refresh now.
    public func leaseFeeds(_ ids: [String], urls: [String: String], since: Date?, now: Date) async throws(StoreError) -> [String] {
        guard !ids.isEmpty else { return [] }
        let until = now.addingTimeInterval(Self.leaseDuration)
        let idList = ids
        let urlList = ids.map { urls[$0] ?? "" }
        return try await write { connection in
            // A feed never fetched gets its row first (as 'unfetched', hidden from status), so that it can be locked.
            try await connection.run("""
                INSERT INTO feed (id, url, result) SELECT * , 'unfetched' FROM unnest(\(idList)::text[], \(urlList)::text[]) ON CONFLICT (id) DO NOTHING
                """, logger: logger)
            var leased: [String] = []
            let rows = try await connection.query("""
                WITH free AS (
                  SELECT id FROM feed
                  WHERE id = ANY(\(idList)) AND (lease_owner IS NULL OR lease_owner = \(instance) OR lease_until < \(now))
                    AND (CASE WHEN \(since)::timestamptz IS NULL THEN next_due IS NULL OR next_due <= \(now)
                         ELSE last_fetch IS NULL OR last_fetch < \(since) END)
                  FOR UPDATE SKIP LOCKED)
                UPDATE feed SET lease_owner = \(instance), lease_until = \(until) FROM free WHERE feed.id = free.id RETURNING feed.id
                """, logger: logger)
            for try await id in rows.decode(String.self) { leased.append(id) }
            return leased
        }
    }

    /// Renews this instance's leases of `ids` (feeds whose refresh goes on).
    public func renewLeases(_ ids: [String], now: Date) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        let until = now.addingTimeInterval(Self.leaseDuration)
        try await write { connection in
            try await connection.run("UPDATE feed SET lease_until = \(until) WHERE id = ANY(\(ids)) AND lease_owner = \(instance)", logger: logger)
        }
    }

    /// The feeds among `ids` not refreshed since `since` that another instance holds a live lease of
    /// (a cycle of `run --once` waits for them, or takes them over once the lease expires).
    public func feedsHeldElsewhere(_ ids: [String], since: Date, now: Date) async throws(StoreError) -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await read { connection in
            var held: [String] = []
            let rows = try await connection.query("""
                SELECT id FROM feed WHERE id = ANY(\(ids)) AND (last_fetch IS NULL OR last_fetch < \(since))
                  AND lease_owner IS NOT NULL AND lease_owner <> \(instance) AND lease_until >= \(now)
                """, logger: logger)
            for try await id in rows.decode(String.self) { held.append(id) }
            return held
        }
    }
}
