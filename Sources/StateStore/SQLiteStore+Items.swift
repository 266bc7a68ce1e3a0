import Foundation
import GRDB
public import QuoteCore

/// Items: their rows, statement states, versions, linked pages and current quotes.
extension SQLiteStore {
    /// The item as stored, or nil for an item never seen.
    public func storedItem(feedID: String, identity: String) async throws(StoreError) -> StoredItem? {
        try await read { db in
            try ItemInfo.fetchOne(db, ItemRecord.filter { $0.feedID == feedID && $0.identity == identity })?.storedItem
        }
    }

    /// The stored items of a feed among `identities` (those its fetched document holds), by
    /// identity, in one read: the daemon's look at what it knows of a changed feed, instead of a
    /// read per item.
    public func storedItems(feedID: String, identities: [String]) async throws(StoreError) -> [String: StoredItem] {
        guard !identities.isEmpty else { return [:] }
        return try await read { db in
            var found: [String: StoredItem] = [:]
            // In chunks below SQLite's limit on bound variables.
            for start in stride(from: 0, to: identities.count, by: 5000) {
                let chunk = Array(identities[start..<min(identities.count, start + 5000)])
                for info in try ItemInfo.fetchAll(db, ItemRecord.filter { $0.feedID == feedID && chunk.contains($0.identity) }) {
                    found[info.item.identity] = info.storedItem
                }
            }
            return found
        }
    }

    /// The latest stored version of an item, or nil when none was kept.
    public func latestVersion(itemID: Int64) async throws(StoreError) -> ItemVersion? {
        try await read { db in
            try ItemVersionRecord.filter { $0.itemID == itemID }.order(\.id.desc).limit(1).cached.fetchOne(db)?.version
        }
    }

    /// Writes one reading of an item in one transaction: its row (marked as in its feed), a new
    /// version with its quotes, its statement states, its page's state, and its events, assembled
    /// with the first appearances as the transaction sees them.
    /// - Returns: the events as stored, with their ids, in order.
    public func commit(_ commit: ItemCommit) async throws(StoreError) -> [ChangeEvent] {
        let place = commit.place
        let hooks = configuredHooks
        return try await write { db in
            var item = ItemRecord(place, seen: commit.seen)
            try item.saveKeepingFirstSeen(db)
            guard let itemID = item.id else { throw StoreError(kind: .incompatible, path: "", message: "the item's row has no id after its save") }
            if let page = commit.page { try SQLiteStore.save(page, itemID: itemID, db) }
            if let version = commit.version {
                var record = ItemVersionRecord(itemID: itemID, version)
                try record.insertCached(db)
                try QuoteRecord.deleteAll(db, itemID: itemID)
                for (position, quote) in version.quotes.enumerated() {
                    try QuoteRecord(itemID: itemID, position: position, quote).insertCached(db)
                }
            }
            if let states = commit.states {
                try StatementStateRecord.deleteAll(db, itemID: itemID)
                for state in states.values.sorted(by: { $0.statementID < $1.statementID }) {
                    try StatementStateRecord(itemID: itemID, state).insert(db)
                }
            }
            let events = commit.events(try SQLiteStore.firstAppearances(of: commit.newStatements, db))
            for event in events where event.type == .quoteNew {
                guard let statement = event.statement, let quote = event.quote else { continue }
                let first = FirstAppearance(statementID: statement, feed: event.feed, item: place.identity, url: event.url, quote: quote, time: event.time)
                try FirstAppearanceRecord(first).insert(db, onConflict: .ignore)
            }
            return try events.map { try SQLiteStore.insert($0, hooks: hooks, db) }
        }
    }

    /// Saves the state of an item's linked page after a read that changed nothing else.
    public func savePage(_ page: PageState, itemID: Int64) async throws(StoreError) {
        try await write { db in try SQLiteStore.save(page, itemID: itemID, db) }
    }

    static func save(_ page: PageState, itemID: Int64, _ db: Database) throws {
        do {
            try ItemPageRecord(itemID: itemID, page).update(db)
        } catch RecordError.recordNotFound {
            // No such item, no page to save (as an UPDATE of no row).
        }
    }

    /// Marks which items of a feed are in it now (its latest read): the others left it, their
    /// pages are no longer read and a statement added later is not matched against them.
    public func markInFeed(feedID: String, identities: Set<String>) async throws(StoreError) {
        try await write { db in
            try ItemRecord.filter { $0.feedID == feedID && $0.inFeed == true }.updateAll(db) { $0.inFeed.set(to: false) }
            let all = Array(identities)
            for chunk in stride(from: 0, to: all.count, by: 500) {
                let part = all[chunk..<min(all.count, chunk + 500)]
                try ItemRecord.filter { $0.feedID == feedID && part.contains($0.identity) }.updateAll(db) { $0.inFeed.set(to: true) }
            }
        }
    }

    /// The items still in a feed whose linked page is due by `time` (nil: all of them), oldest first.
    public func itemsWithPages(feedID: String, dueBy time: Date?) async throws(StoreError) -> [StoredItem] {
        try await read { db in
            var items = ItemRecord.filter { $0.feedID == feedID && $0.inFeed == true && $0.link != nil }
            if let time {
                let due = ItemPageRecord.Columns.pageNextDue
                items = items.filter(due != nil && due <= time)
            }
            return try ItemInfo.fetchAll(db, items.order(\.id)).map(\.storedItem)
        }
    }

    /// The earliest time a linked page of each feed is due, by feed id (feeds with none left out).
    public func nextPageDue() async throws(StoreError) -> [String: Date] {
        try await read { db in
            let due = ItemPageRecord.Columns.pageNextDue
            let rows = try ItemRecord.select { [$0.feedID, min(due)] }
                .filter { $0.inFeed == true && due != nil }
                .group(\.feedID)
                .asRequest(of: Row.self).fetchAll(db)
            var found: [String: Date] = [:]
            for row in rows {
                if let date: Date = row[1] { found[row[0]] = date }
            }
            return found
        }
    }

    /// The items still in one of these feeds that have a stored version, with their latest version,
    /// `limit` at a time after the item id `after` (for matching a statement added later).
    public func itemsWithLatestVersion(feedIDs: [String], after: Int64, limit: Int) async throws(StoreError) -> [(StoredItem, ItemVersion)] {
        guard !feedIDs.isEmpty else { return [] }
        return try await read { db in
            let item = TableAlias<ItemRecord>()
            let items = ItemRecord.aliased(item)
                .filter { $0.inFeed == true && $0.id > after && feedIDs.contains($0.feedID) }
                .filter(ItemVersionRecord.filter { $0.itemID == item[ItemRecord.Columns.id] }.exists())
                .order(\.id)
                .limit(limit)
            let found = try ItemInfo.fetchAll(db, items).map(\.storedItem)
            let latest = try ItemVersionRecord.latest(ofItems: found.map(\.itemID), db)
            return found.compactMap { item in latest[item.itemID].map { (item, $0.version) } }
        }
    }

    /// Every stored version of the items whose identity (guid) or link is `item`, in any feed.
    public func history(of item: String) async throws(StoreError) -> [ItemHistory] {
        try await read { db in
            try ItemRecord.filter { $0.identity == item || $0.link == item }.order(\.id).fetchAll(db).map { record in
                let versions = try record.request(for: ItemRecord.versions).order(\.id).fetchAll(db).map(\.version)
                return ItemHistory(feedID: record.feedID, identity: record.identity, link: record.link, title: record.title, versions: versions)
            }
        }
    }

    // MARK: Quotes

    /// Stored quotes, optionally of one speaker (case-insensitive), with their item's feed and link.
    public func quotes(speaker: String? = nil, statement: String? = nil) async throws(StoreError) -> [StoredQuote] {
        try await read { db in
            let quote = TableAlias<QuoteRecord>()
            var quotes = QuoteRecord.aliased(quote).filter { $0.kind == Quote.Kind.speech.rawValue }
            if let speaker {
                // The full name, or its last words ("Hegseth", "de Gaulle"): case-insensitive.
                let escaped = speaker.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                quotes = quotes.filter { $0.speaker.collating(.nocase) == speaker || $0.speaker.like("% " + escaped, escape: "\\") }
            }
            if let statement {
                let itemID: SQLExpression = quote[QuoteRecord.Columns.itemID], text: SQLExpression = quote[QuoteRecord.Columns.text]
                let states = StatementStateRecord.filter { $0.statementID == statement }.filter { $0.itemID == itemID }.filter { $0.quote == text }
                quotes = quotes.filter(states.exists())
            }
            return try QuoteInfo.fetchAll(db, quotes.order { [$0.itemID, $0.position] }).map(\.storedQuote)
        }
    }
}
