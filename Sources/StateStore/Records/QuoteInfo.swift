import Foundation
import GRDB

/// A row of `quote` with what `quotewatch quotes` shows of its item and the statements it is the
/// quote of: a ``StoredQuote``. Read with ``request(_:)``; the item and the states are partial
/// records of the columns shown (the command lists every quote, so it decodes no more).
struct QuoteInfo: Decodable, FetchableRecord {
    var quote: QuoteRecord
    var item: Item
    var statementStates: [State]

    struct Item: Decodable {
        var feedID: String
        var identity: String
        var link: String?
        var title: String?
        var firstSeen: Date
    }

    struct State: Decodable {
        var statementID: String
    }

    /// The quotes that `quotes` selects, with their item and their statements in id order.
    static func request(_ quotes: QueryInterfaceRequest<QuoteRecord>) -> QueryInterfaceRequest<QuoteInfo> {
        let item = ItemRecord.Columns.self
        return quotes
            .including(required: QuoteRecord.item.select(item.feedID, item.identity, item.link, item.title, item.firstSeen))
            .including(all: QuoteRecord.statementStates.select(StatementStateRecord.Columns.statementID).order(\.statementID))
            .asRequest(of: QuoteInfo.self)
    }

    var storedQuote: StoredQuote {
        StoredQuote(
            feedID: item.feedID, item: item.identity, link: item.link, title: item.title, quote: quote.quote,
            statements: statementStates.map(\.statementID), firstSeen: item.firstSeen)
    }
}
