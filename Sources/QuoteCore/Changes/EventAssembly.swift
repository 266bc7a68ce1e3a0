import Foundation

/// Turns what ``ChangeDetector`` found, and what a fetch did to a feed's health, into the events of
/// the contract (DESIGN §5): the item's place, the notes a reader wants (how a quote differs from
/// the tracked text, where the statement was first quoted), `feed.failed` on the first failure and
/// `feed.recovered` on the first success after failures.
public enum EventAssembly {
    /// Where the changes were found.
    public struct ItemContext: Sendable, Hashable {
        public var feed: String
        /// The item's identity (guid, else link).
        public var item: String
        public var url: String?
        public var title: String?
        public var time: Date

        public init(feed: String, item: String, url: String?, title: String?, time: Date) {
            self.feed = feed
            self.item = item
            self.url = url
            self.title = title
            self.time = time
        }
    }

    /// The events of one item's changes, in order.
    /// - Parameter firstAppearances: where each statement of a `quote.new` was first quoted before
    ///   this item, by statement id; a statement missing there is first quoted here.
    public static func events(
        _ changes: [ItemChange], in context: ItemContext, statements: StatementMatcher, firstAppearances: [String: FirstAppearance]
    ) -> [ChangeEvent] {
        changes.map { change in
            var event = ChangeEvent(
                time: context.time, type: change.type, statement: change.statementID, feed: context.feed, item: context.item,
                url: context.url, title: context.title, speaker: change.state.speaker, quote: change.state.quote,
                previous: change.previous, score: change.state.score, tier: change.state.tier, oldValues: change.oldValues,
                newValues: change.newValues, detail: change.detail, reversed: change.reversed)
            if change.type == .quoteNew {
                let first = firstAppearances[change.statementID] ?? FirstAppearance(
                    statementID: change.statementID, feed: context.feed, item: context.item, url: context.url,
                    quote: change.state.quote, time: context.time)
                event.first = first
                event.detail = newQuoteNote(change, tracked: statements.statement(id: change.statementID), first: first, context: context)
            }
            return event
        }
    }

    /// What a `quote.new` adds for its reader: how a fuller quote's words differ from the tracked
    /// text, and whether this is the statement's first appearance or where that was.
    static func newQuoteNote(_ change: ItemChange, tracked: Statement?, first: FirstAppearance, context: ItemContext) -> String {
        var parts: [String] = []
        // A partial quote ("unrealistic") differs from any whole statement; say so only of fuller quotes.
        let words = change.state.quote.split(whereSeparator: \.isWhitespace).count
        if let tracked, change.state.tier == .fuzzy, words >= 4 {
            parts.append("differs from the tracked text: " + WordDiff.render(from: tracked.text, to: change.state.quote))
        }
        if first.feed == context.feed && first.item == context.item {
            parts.append("first appearance in any feed")
        } else {
            parts.append("first quoted by \(first.feed) at \(ISO8601.string(first.time)): “\(first.quote)”")
        }
        return parts.joined(separator: "; ")
    }

    /// `feed.failed` when a fetch fails after a success (or at the first fetch); nil while it goes on failing.
    public static func failure(feed: String, url: String, reason: String, failuresBefore: Int, time: Date) -> ChangeEvent? {
        guard failuresBefore == 0 else { return nil }
        return ChangeEvent(time: time, type: .feedFailed, feed: feed, url: url, detail: reason)
    }

    /// `feed.recovered` when a real feed is read after failures; nil when it was not failing.
    public static func recovery(feed: String, url: String, failuresBefore: Int, time: Date) -> ChangeEvent? {
        guard failuresBefore > 0 else { return nil }
        return ChangeEvent(time: time, type: .feedRecovered, feed: feed, url: url, detail: "after \(failuresBefore) failed attempt(s)")
    }
}
