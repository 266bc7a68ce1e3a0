import Foundation
import QuoteCore
import Testing

/// The timeline of one statement: its events grouped by item, in the order the items first quoted it.
@Suite struct StatementTimelineTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func event(_ id: Int64, _ type: EventType, feed: String, item: String, statement: String = "s", speaker: String? = "A", quote: String? = nil,
                      previous: String? = nil) -> ChangeEvent {
        ChangeEvent(id: id, time: t0.addingTimeInterval(Double(id)), type: type, statement: statement, feed: feed, item: item, title: "T \(item)",
                    speaker: speaker, quote: quote, previous: previous)
    }

    @Test func eventsGroupByItemAndTheStoryEndsWhereTheEventsLeaveIt() {
        let events = [
            Self.event(4, .attributionChanged, feed: "a", item: "1", speaker: "B", quote: "five", previous: "A"),
            Self.event(1, .quoteNew, feed: "a", item: "1", quote: "five"),
            Self.event(2, .quoteNew, feed: "b", item: "9", quote: "5"),
            Self.event(3, .quoteNew, feed: "a", item: "2", statement: "other", quote: "x"),
            Self.event(5, .quoteEdited, feed: "b", item: "9", quote: "3.5", previous: "5"),
            Self.event(6, .quoteRemoved, feed: "b", item: "9", quote: "3.5"),
            ChangeEvent(id: 7, time: Self.t0, type: .feedFailed, feed: "a", detail: "HTTP 500"),
        ]
        let timeline = StatementTimeline(statementID: "s", events: events)
        #expect(timeline.threads.map(\.item) == ["1", "9"])
        #expect(timeline.outlets == ["a", "b"])
        #expect(timeline.threads[0].events.compactMap(\.id) == [1, 4])
        #expect(timeline.threads[0].currentSpeaker == "B" && timeline.threads[0].currentQuote == "five")
        #expect(timeline.threads[1].events.compactMap(\.id) == [2, 5, 6])
        #expect(timeline.threads[1].currentQuote == nil)
        #expect(timeline.first?.feed == "a" && timeline.first?.item == "1" && timeline.first?.quote == "five")
        #expect(StatementTimeline(statementID: "none", events: events).threads.isEmpty)
        #expect(StatementTimeline(statementID: "none", events: events).first == nil)
    }

    @Test func theFirstAppearanceIsTheOneTheStoreKept() {
        var new = Self.event(3, .quoteNew, feed: "late", item: "7", quote: "q")
        new.first = FirstAppearance(statementID: "s", feed: "early", item: "0", url: nil, quote: "q0", time: Self.t0)
        let timeline = StatementTimeline(statementID: "s", events: [new])
        #expect(timeline.first?.feed == "early" && timeline.first?.quote == "q0")
    }
}
