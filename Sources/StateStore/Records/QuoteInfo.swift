import Foundation
import GRDB

/// A row of `quote` with what `quotewatch quotes` shows of its item and the statements it is the
/// quote of: a ``StoredQuote``. The item and the states are partial records of the columns shown.
struct QuoteInfo: Decodable, FetchableRecord {
    var quote: QuoteRecord
    var item: Item
    var statements: [String] = []

    struct Item: Decodable {
        var feedID: String
        var identity: String
        var link: String?
        var title: String?
        var firstSeen: Date
    }

    /// A statement state, as far as it tells which quote of its item is the statement's.
    struct State: Decodable, FetchableRecord {
        var itemID: Int64
        var quote: String
        var statementID: String
    }

    enum CodingKeys: CodingKey {
        case quote, item
    }

    /// The quotes that `quotes` selects, in its order, with their item and their statements in id
    /// order: the states of the same item with the same words, read in one more query (not as an
    /// `including(all:)` association on itemID and the words, whose prefetch decodes copied rows:
    /// the command lists every quote, and that took twice as long).
    static func fetchAll(_ db: Database, _ quotes: QueryInterfaceRequest<QuoteRecord>) throws -> [QuoteInfo] {
        let item = ItemRecord.Columns.self, state = StatementStateRecord.Columns.self
        var infos = try quotes
            .including(required: QuoteRecord.item.select(item.feedID, item.identity, item.link, item.title, item.firstSeen))
            .asRequest(of: QuoteInfo.self)
            .fetchAll(db)
        guard !infos.isEmpty else { return [] }
        let itemIDs = quotes.select(QuoteRecord.Columns.itemID)
        let states = try StatementStateRecord
            .select(state.itemID, state.quote, state.statementID)
            .filter(itemIDs.contains(state.itemID))
            .order(state.statementID)
            .asRequest(of: State.self)
            .fetchAll(db)
        var statements: [Int64: [String: [String]]] = [:]
        for state in states {
            statements[state.itemID, default: [:]][state.quote, default: []].append(state.statementID)
        }
        for index in infos.indices {
            infos[index].statements = statements[infos[index].quote.itemID]?[infos[index].quote.text] ?? []
        }
        return infos
    }

    var storedQuote: StoredQuote {
        StoredQuote(
            feedID: item.feedID, item: item.identity, link: item.link, title: item.title, quote: quote.quote, statements: statements,
            firstSeen: item.firstSeen)
    }
}
