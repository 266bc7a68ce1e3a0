import Foundation
import QuoteCore
import Testing

/// The events as Atom: an edit's words struck and inserted, hostile feed text escaped.
struct EventFeedTests {
    static let time = Date(timeIntervalSince1970: 1_796_176_090)

    @Test func anEditShowsItsWordDiff() {
        var event = ChangeEvent(time: Self.time, type: .quoteEdited, statement: "s1", feed: "f", url: "https://example.org/a?x=1&y=2",
                                quote: "spend 3.5% of GDP", previous: "spend 5% of GDP")
        event.id = 3
        #expect(EventFeed.html(event).contains("“spend <del>5%</del> <ins>3.5%</ins> of GDP”"))
        let atom = EventFeed.atom([event], title: "t", now: Self.time)
        #expect(atom.contains("<id>urn:quotewatch:event:3</id>"))
        #expect(atom.contains(#"href="https://example.org/a?x=1&amp;y=2""#))
        #expect(atom.contains("&lt;del&gt;5%&lt;/del&gt;"), "the HTML content is escaped once more, as type=\"html\" wants")
    }

    @Test func hostileTextIsEscapedAndControlsDropped() {
        let event = ChangeEvent(time: Self.time, type: .quoteNew, statement: "s1", feed: "f",
                                title: "<script>alert(1)</script>\u{1}", quote: "\"<img src=x onerror=alert(1)>\"\u{FFFE}")
        let atom = EventFeed.atom([event], title: "a & b", now: Self.time)
        #expect(!atom.contains("<script>") && !atom.contains("<img"))
        #expect(!atom.unicodeScalars.contains { $0.value == 1 || $0.value == 0xFFFE })
        #expect(atom.contains("<title>a &amp; b</title>"))
    }

    @Test func newestFirst() {
        let events = (1...3).map { id -> ChangeEvent in
            var event = ChangeEvent(time: Self.time.addingTimeInterval(Double(id)), type: .quoteNew, statement: "s\(id)", feed: "f")
            event.id = Int64(id)
            return event
        }
        let atom = EventFeed.atom(events, title: "t", now: Self.time)
        let ids = atom.components(separatedBy: "<id>urn:quotewatch:event:").dropFirst().map { $0.prefix { $0.isNumber } }
        #expect(ids == ["3", "2", "1"])
    }
}
