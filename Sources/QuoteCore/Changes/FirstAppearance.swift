import Foundation

/// Where a tracked statement was first quoted, across every feed: kept once, never replaced.
/// Every `quote.new` names it, so a reader sees whether this outlet was first or followed.
public struct FirstAppearance: Sendable, Hashable, Codable {
    public var statementID: String
    public var feed: String
    public var item: String
    public var url: String?
    public var quote: String
    public var time: Date

    public init(statementID: String, feed: String, item: String, url: String?, quote: String, time: Date) {
        self.statementID = statementID
        self.feed = feed
        self.item = item
        self.url = url
        self.quote = quote
        self.time = time
    }
}
