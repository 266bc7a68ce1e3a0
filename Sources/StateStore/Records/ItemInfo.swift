import GRDB

/// A row of `item` read whole, with the item's statement states: a ``StoredItem``.
struct ItemInfo: FetchableRecord {
    var item: ItemRecord
    var page: ItemPageRecord
    var statementStates: [StatementStateRecord] = []

    /// The item and its page decode from the same row, each as its own record (a synthesized
    /// Decodable would decode only one record from the row).
    init(row: Row) throws {
        item = try ItemRecord(row: row)
        page = try ItemPageRecord(row: row)
    }

    /// The item that `item` selects (one of a fixed shape), with its statement states: the
    /// daemon's read of each item of a changed feed, with cached statements.
    static func fetchOne(_ db: Database, _ item: QueryInterfaceRequest<ItemRecord>) throws -> ItemInfo? {
        guard var info = try item.asRequest(of: ItemInfo.self).cached.fetchOne(db) else { return nil }
        let itemID = info.page.id
        info.statementStates = try StatementStateRecord.filter { $0.itemID == itemID }.cached.fetchAll(db)
        return info
    }

    /// The items that `items` selects, in its order, each with its statement states (read in one
    /// more query; not with `including(all:)`, whose prefetch decodes copied rows and computes the
    /// association's observed region, for half again the time).
    static func fetchAll(_ db: Database, _ items: QueryInterfaceRequest<ItemRecord>) throws -> [ItemInfo] {
        var infos = try items.asRequest(of: ItemInfo.self).fetchAll(db)
        guard !infos.isEmpty else { return [] }
        let itemIDs = infos.map(\.page.id)
        let states = Dictionary(grouping: try StatementStateRecord.filter { itemIDs.contains($0.itemID) }.fetchAll(db), by: \.itemID)
        for index in infos.indices {
            infos[index].statementStates = states[infos[index].page.id] ?? []
        }
        return infos
    }

    var storedItem: StoredItem {
        StoredItem(
            itemID: page.id, feedID: item.feedID, identity: item.identity, link: item.link, title: item.title, published: item.published,
            firstSeen: item.firstSeen, contentHash: item.contentHash,
            states: Dictionary(statementStates.map { ($0.statementID, $0.state) }, uniquingKeysWith: { $1 }), page: page.page)
    }
}
