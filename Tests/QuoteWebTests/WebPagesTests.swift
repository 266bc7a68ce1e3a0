import Foundation
import QuoteCore
import StateStore
import Testing

@testable import QuoteWeb

/// The pieces of the web pages that decide what a reader sees: escaping, links, filters, the token,
/// and hostile feed text in each page.
@Suite struct WebPagesTests {
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"), ("a & b", "a &amp; b"),
        ("\" onerror='x'", "&quot; onerror=&#39;x&#39;"), ("tab\there\nline", "tab\there\nline"), ("nul\u{0}bell\u{7}", "nulbell"),
        ("“Ukraine’s” — 5%", "“Ukraine’s” — 5%"),
    ])
    func escaping(_ text: String, _ expected: String) {
        #expect(HTML.escape(text) == expected)
    }

    @Test func linksOnlyToTheWebAndPathsStayOneSegment() {
        #expect(HTML.externalLink("javascript:alert(1)", text: "x") == "x")
        #expect(HTML.externalLink("data:text/html,<b>", text: "<b>") == "&lt;b&gt;")
        #expect(HTML.externalLink("https://e.org/?a=1&b=\"2\"", text: "t") == "<a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\" rel=\"noreferrer noopener\">t</a>")
        #expect(HTML.itemPath("https://e.org/a?b=1#c") == "/items/https%3A%2F%2Fe.org%2Fa%3Fb%3D1%23c")
        #expect(HTML.statementPath("héllo wörld") == "/statements/h%C3%A9llo%20w%C3%B6rld")
        #expect(HTML.diff(from: "spend 5% now", to: "spend <b>3.5%</b> now") == "spend <del>5%</del> <ins>&lt;b&gt;3.5%&lt;/b&gt;</ins> now")
    }

    @Test func filtersAreThoseOfTheEventsCommand() throws {
        let known: Set<String> = ["s1", "s2"]
        let filter = try EventFilter.parse([("since", "7"), ("type", "quote.new,claim.changed"), ("type", "quote.edited"), ("statement", "s1"),
                                            ("limit", "10"), ("statement", "")], statements: known).get()
        #expect(filter.query.afterID == 7)
        #expect(filter.query.types == [.quoteNew, .claimChanged, .quoteEdited])
        #expect(filter.query.statement == "s1" && filter.query.limit == 10 && filter.limit == 10)
        #expect(filter.queryString == "?since=7&type=quote.new%2Cclaim.changed&type=quote.edited&statement=s1&limit=10")
        #expect(try EventFilter.parse([], statements: known).get().query == EventQuery())
        for (pair, reason) in [(("since", "-1"), "since=-1"), (("type", "quote.bogus"), "type=quote.bogus: not an event type"),
                               (("statement", "s9"), "statement=s9: no such statement"), (("limit", "0"), "limit=0"), (("sort", "id"), "sort: not a filter")] {
            guard case .failure(let error) = EventFilter.parse([pair], statements: known) else {
                Issue.record("\(pair) accepted")
                continue
            }
            #expect(error.message.hasPrefix(reason), "\(error.message)")
        }
    }

    @Test func theTokenIsABearerTokenComparedWhole() {
        let token = WebToken("s3cret")
        #expect(token.accepts(authorization: "Bearer s3cret"))
        #expect(token.accepts(authorization: "bearer  s3cret "))
        for wrong in [nil, "", "Bearer", "Bearer s3cre", "Bearer s3crett", "Basic s3cret", "s3cret", "Bearer S3CRET"] as [String?] {
            #expect(!token.accepts(authorization: wrong), "\(wrong ?? "nil")")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qw-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try? Data("  abc\n".utf8).write(to: file)
        #expect(WebToken.read(file.path)?.accepts(authorization: "Bearer abc") == true)
        try? Data(" \n".utf8).write(to: file)
        #expect(WebToken.read(file.path) == nil)
        #expect(WebToken.read("/nonexistent/qw.token") == nil)
    }

    static let hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"

    @Test func everyPageEscapesWhatTheFeedsWrote() {
        let statement = Statement(id: "s<1>", speaker: Self.hostile, aliases: [Self.hostile], text: Self.hostile, threshold: 0.7)
        var events: [ChangeEvent] = []
        for (id, type) in EventType.allCases.enumerated() {
            events.append(ChangeEvent(
                id: Int64(id + 1), time: Date(timeIntervalSince1970: 1_700_000_000), type: type, statement: type.rawValue.hasPrefix("feed") ? nil : "s<1>",
                feed: Self.hostile, item: Self.hostile, url: "javascript:alert(3)", title: Self.hostile, speaker: Self.hostile, quote: Self.hostile + " 5%",
                previous: Self.hostile, oldValues: [Self.hostile], newValues: [Self.hostile], detail: Self.hostile))
        }
        let timeline = StatementTimeline(statementID: "s<1>", events: events)
        let version = ItemVersion(id: 1, time: Date(timeIntervalSince1970: 1_700_000_000), source: .content, url: "javascript:x", etag: Self.hostile,
                                  lastModified: Self.hostile, bodyHash: Self.hostile, textHash: "t", text: Self.hostile,
                                  quotes: [Quote(text: Self.hostile, speaker: Self.hostile, start: 0, end: 1)], complete: false)
        let history = ItemHistory(feedID: Self.hostile, identity: Self.hostile, link: "javascript:y", title: Self.hostile, versions: [version])
        let status = StatusReport(feeds: [FeedState(id: Self.hostile, url: "javascript:z", result: .failed, error: Self.hostile)], hooks: [])
        let pages = [
            StatementPage(statement: statement, timeline: timeline, versions: [StatementPage.key(feed: Self.hostile, item: Self.hostile): [version]]).html,
            ItemPage(item: Self.hostile, histories: [history], events: events).html,
            HomePage(statements: [statement], summaries: ["s<1>": StatementSummary(events: 1, items: 1, latest: events[0])], status: status, recent: events).html,
            EventsPage(filter: EventFilter(), statements: ["s<1>"], events: events).html,
        ]
        for page in pages {
            #expect(!page.contains("<script") && !page.contains("<img") && !page.contains("href=\"javascript:"))
            #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"))
        }
    }
}
