import Foundation

/// The life of one tracked statement across outlets and versions (the web's `/statements/ID`): its
/// events grouped by the item that quoted it, each item's story in event order, the items in the
/// order they first quoted it.
public struct StatementTimeline: Sendable, Hashable {
    /// One item's part: where it is and what happened to the statement's quote in it.
    public struct Thread: Sendable, Hashable {
        public var feed: String
        public var item: String
        public var url: String?
        public var title: String?
        /// In id order; the first is normally the `quote.new`.
        public var events: [ChangeEvent]
        /// The words the item quotes the statement in now (nil once removed).
        public var currentQuote: String?
        /// The speaker the item gives the words to now.
        public var currentSpeaker: String?
    }

    public var statementID: String
    public var threads: [Thread]
    /// The statement's first quote in any feed: the earliest `quote.new`'s first appearance.
    public var first: FirstAppearance?

    /// The outlets (feed ids) that quoted the statement, in the order they first did.
    public var outlets: [String] {
        var seen = Set<String>()
        return threads.map(\.feed).filter { seen.insert($0).inserted }
    }

    /// Groups `events` (any order; those of other statements and feed events are left out).
    public init(statementID: String, events: [ChangeEvent]) {
        self.statementID = statementID
        let own = events.filter { $0.statement == statementID && $0.item != nil && $0.type != .feedFailed && $0.type != .feedRecovered }
            .sorted { ($0.id ?? 0, $0.time) < ($1.id ?? 0, $1.time) }
        var index: [String: Int] = [:]
        var threads: [Thread] = []
        for event in own {
            let key = event.feed + "\u{1}" + (event.item ?? "")
            if let at = index[key] {
                threads[at].events.append(event)
                threads[at].url = event.url ?? threads[at].url
                threads[at].title = event.title ?? threads[at].title
            } else {
                index[key] = threads.count
                threads.append(Thread(feed: event.feed, item: event.item ?? "", url: event.url, title: event.title, events: [event]))
            }
            let at = index[key]!
            switch event.type {
            case .quoteRemoved:
                threads[at].currentQuote = nil
            case .attributionChanged:
                threads[at].currentSpeaker = event.speaker
                if let quote = event.quote { threads[at].currentQuote = quote }
            default:
                if let quote = event.quote { threads[at].currentQuote = quote }
                if event.type == .quoteNew || event.speaker != nil { threads[at].currentSpeaker = event.speaker }
            }
        }
        self.threads = threads
        first = own.first { $0.type == .quoteNew && $0.first != nil }?.first
            ?? own.first { $0.type == .quoteNew }.map { event in
                FirstAppearance(statementID: statementID, feed: event.feed, item: event.item ?? "", url: event.url, quote: event.quote ?? "", time: event.time)
            }
    }
}
