import Foundation
import GRDB
import QuoteCore

/// A row of `firstAppearance`: where a tracked statement was first quoted, kept once.
struct FirstAppearanceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "firstAppearance"

    var statementID: String
    var feed: String
    var item: String
    var url: String?
    var quote: String
    var time: Date

    init(_ appearance: FirstAppearance) {
        statementID = appearance.statementID
        feed = appearance.feed
        item = appearance.item
        url = appearance.url
        quote = appearance.quote
        time = appearance.time
    }

    var appearance: FirstAppearance {
        FirstAppearance(statementID: statementID, feed: feed, item: item, url: url, quote: quote, time: time)
    }
}
