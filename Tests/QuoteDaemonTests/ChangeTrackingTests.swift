import Foundation
import QuoteCore
import QuoteDaemon
import StateStore
import TestSupport
import Testing

/// Change tracking as a fact-checker tries it (DESIGN §5, "What a user relies on"): feeds and article
/// pages served on loopback and edited between refreshes, through the real fetcher, parser,
/// extractor, matcher and SQLite store. One test per case of issue 12.
@Suite struct ChangeTrackingTests {
    static let gdp = Statement(id: "gdp", speaker: "Donald Trump", aliases: ["Trump"], text: "NATO countries should spend 5% of GDP on defence")
    static let hear = Statement(id: "hear", speaker: "John Healey", aliases: ["Healey"], text: "Secretary Hegseth, we hear you")

    static func page(_ paragraphs: String...) -> String {
        "<html><head><title>Story</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Story</h1>"
            + paragraphs.map { "<p>\($0)</p>" }.joined() + "</article><footer>© Example Wire</footer></body></html>"
    }

    static let trumpPage = page(
        "President Donald Trump spoke to reporters at the White House on Tuesday, a day before the ministers met in Brussels.",
        "“NATO countries should spend 5% of GDP on defence,” Trump said, repeating a demand he has made since the summer.",
        "Allies have until June to present their plans, officials said, and several have asked for more time to reach the goal.")

    /// DESIGN §5: linked pages are re-read while their item stays in its feed, whether or not the
    /// feed changed, with their own validators; `run --once` and `refresh` read every page.
    @Test func anArticlePageEditedUnderAnUnchangedFeedIsSeen() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness(statements: [Self.gdp])
        server.route("/a.html", TestRoute(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(Self.trumpPage.utf8), etag: "\"p1\""))
        server.route("/rss.xml", TestRoute(body: Array(rss([("g1", server.url("/a.html"), "<p>Trump spoke on defence.</p>")]).utf8), etag: "\"f1\""))
        let feed = FeedConfig(id: "wire", url: server.url("/rss.xml"), fetchArticles: true)
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew])

        // The page is edited; the feed is byte-identical (a 304).
        server.route("/a.html", TestRoute(
            headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(Self.trumpPage.replacingOccurrences(of: "5%", with: "3.5%").utf8),
            etag: "\"p2\""))
        let notDue = try await harness.refresh(feed)
        #expect(notDue.result == .notModified)
        #expect(notDue.events.isEmpty, "the page is not due yet")
        #expect(server.requests.filter { $0.path == "/a.html" }.count == 1)

        // Its schedule comes (a new story: every 15 minutes).
        harness.clock.advance(by: 16 * 60)
        let due = try await harness.refresh(feed)
        #expect(due.events.map(\.type) == [.quoteEdited, .claimChanged], "\(due.events)")
        #expect(due.events.last?.oldValues == ["5%"])
        #expect(due.events.last?.newValues == ["3.5%"])
        let pageRequests = server.requests.filter { $0.path == "/a.html" }
        #expect(pageRequests.last?.headers["if-none-match"] == "\"p1\"", "a conditional GET with the page's own validator")

        // Asked for (run --once, refresh): read now, conditionally; unchanged, nothing.
        let asked = try await harness.refresh(feed, pages: .all)
        #expect(asked.events.isEmpty)
        #expect(server.requests.filter { $0.path == "/a.html" }.count == pageRequests.count + 1)
        #expect(server.requests.last { $0.path == "/a.html" }?.headers["if-none-match"] == "\"p2\"")
    }

    /// DESIGN §5: a failed page fetch changes nothing: no `quote.removed`, and no `quote.new` when it returns.
    @Test func aPageThatFailsAndReturnsRaisesNothing() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness(statements: [Self.gdp])
        server.route("/a.html", .ok(Self.trumpPage, headers: [("Content-Type", "text/html")]))
        server.route("/rss.xml", .ok(rss([("g1", server.url("/a.html"), "<p>Trump spoke on defence.</p>")])))
        let feed = FeedConfig(id: "wire", url: server.url("/rss.xml"), fetchArticles: true)
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew])

        server.route("/a.html", TestRoute(status: 404))
        #expect(try await harness.refresh(feed, pages: .all).events.isEmpty, "a 404 is no removal")
        let held = try #require(try await harness.store.storedItem(feedID: "wire", identity: "g1"))
        #expect(held.states["gdp"] != nil)
        #expect(held.page.failures == 1)
        #expect(held.page.status == 404)

        server.route("/a.html", .ok(Self.trumpPage, headers: [("Content-Type", "text/html")]))
        #expect(try await harness.refresh(feed, pages: .all).events.isEmpty, "the same page again is nothing new")
        #expect(try await harness.store.storedItem(feedID: "wire", identity: "g1")?.page.failures == 0)

        server.route("/a.html", .ok(Self.trumpPage.replacingOccurrences(of: "5%", with: "3.5%"), headers: [("Content-Type", "text/html")]))
        #expect(try await harness.refresh(feed, pages: .all).events.map(\.type) == [.quoteEdited, .claimChanged])
        #expect(try await harness.store.events().filter { $0.type == .quoteRemoved || $0.type == .quoteNew }.count == 1)
    }

    /// DESIGN §5: `attribution.changed` fires on every move, A → B → C → back to A, and a move to an
    /// unnamed source gives `speaker: null`; never a second `quote.new`.
    @Test func attributionMovingSeveralTimesIsOneEventPerMove() async throws {
        let harness = try PipelineHarness(statements: [Self.hear])
        func body(_ speaker: String) -> String {
            "<p>Ministers met in Brussels on Tuesday to discuss the budget.</p><p>“Secretary Hegseth, we hear you,” \(speaker).</p>"
        }
        let feed = FeedConfig(id: "wire", url: try harness.writeFeed(rss([("g1", "https://example.org/a", body("said John Healey, the British defence secretary"))])))
        var seen: [[ChangeEvent]] = [try await harness.refresh(feed).events]
        for speaker in ["said Mark Rutte, the NATO secretary general", "said Kaja Kallas, the EU's foreign policy chief",
                        "a NATO spokesperson said", "said John Healey, the British defence secretary"] {
            _ = try harness.writeFeed(rss([("g1", "https://example.org/a", body(speaker))]))
            seen.append(try await harness.refresh(feed).events)
        }
        #expect(seen.map { $0.map(\.type) } == [[.quoteNew], [.attributionChanged], [.attributionChanged], [.attributionChanged], [.attributionChanged]])
        let moves = seen.dropFirst().compactMap(\.first).map { "\($0.previous ?? "null") → \($0.speaker ?? "null")" }
        #expect(moves == ["John Healey → Mark Rutte", "Mark Rutte → Kaja Kallas", "Kaja Kallas → null", "null → John Healey"])
    }

    /// DESIGN §5: a reversed meaning is a `quote.edited` with `reversed: true`, never a removal; and
    /// flipping back is another.
    @Test func aNegationFlipIsAReversedEdit() async throws {
        let taxes = Statement(id: "taxes", speaker: "Clara Lind", aliases: ["Lind"], text: "There will be no new taxes this year")
        let harness = try PipelineHarness(statements: [taxes])
        func body(_ quote: String) -> String {
            "<p>Finance Minister Clara Lind spoke in parliament on Tuesday.</p><p>“\(quote),” Lind said.</p>"
        }
        let feed = FeedConfig(id: "wire", url: try harness.writeFeed(rss([("g1", "https://example.org/a", body("There will be no new taxes this year"))])))
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew])
        _ = try harness.writeFeed(rss([("g1", "https://example.org/a", body("There will be new taxes this year"))]))
        let reversed = try await harness.refresh(feed).events
        #expect(reversed.map(\.type) == [.quoteEdited], "\(reversed)")
        #expect(reversed.first?.reversed == true)
        #expect(reversed.first?.previous == "There will be no new taxes this year")
        #expect(reversed[0].json.rendered.contains(#""reversed": true"#))
        _ = try harness.writeFeed(rss([("g1", "https://example.org/a", body("There will be no new taxes this year"))]))
        let back = try await harness.refresh(feed).events
        #expect(back.map(\.type) == [.quoteEdited])
        #expect(back.first?.reversed == true)
        #expect(harness.sink.contents.contains(#/quote\.edited id=\d+ statement=taxes speaker="Clara Lind" .* reversed=true/#))
    }

    /// DESIGN §5: a statement added by a reload is matched at once against the latest stored version
    /// of every item still in its feed, with no refetch.
    @Test func aStatementAddedLaterMatchesStoredItemsWithoutARefetch() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness(statements: [Self.hear])
        let quoted = "<p>President Donald Trump spoke at the White House.</p><p>“NATO countries should spend 5% of GDP on defence,” Trump said.</p>"
        server.route("/rss.xml", .ok(rss([("g1", "https://example.org/a", quoted), ("g2", "https://example.org/b", quoted)])))
        let feed = FeedConfig(id: "wire", url: server.url("/rss.xml"))
        harness.reload(feeds: [feed], statements: [Self.hear])
        try await harness.pipeline.applyStatements(harness.active)
        #expect(try await harness.refresh(feed).events.isEmpty)
        // g2 leaves the feed.
        server.route("/rss.xml", .ok(rss([("g1", "https://example.org/a", quoted)])))
        #expect(try await harness.refresh(feed).events.isEmpty)
        let requests = server.requests.count

        harness.reload(feeds: [feed], statements: [Self.hear, Self.gdp])
        let events = try await harness.pipeline.applyStatements(harness.active)
        #expect(events.map(\.type) == [.quoteNew])
        #expect(events.first?.item == "g1", "only the item still in its feed")
        #expect(events.first?.speaker == "Donald Trump")
        #expect(server.requests.count == requests, "no refetch")
        #expect(try await harness.pipeline.applyStatements(harness.active).isEmpty, "once")
        // The next read of the unchanged item adds nothing.
        #expect(try await harness.refresh(feed).events.isEmpty)

        // Changed wording: matched again, quietly where it still matches; removed from the config: its states go.
        harness.reload(feeds: [feed], statements: [Self.hear])
        #expect(try await harness.pipeline.applyStatements(harness.active).isEmpty)
        #expect(try await harness.store.storedItem(feedID: "wire", identity: "g1")?.states.isEmpty == true)
    }

    static func fullFeed(content: String?, description: String) -> String {
        let encoded = content.map { "<content:encoded><![CDATA[\($0)]]></content:encoded>" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <title>Test</title><link>https://example.org/</link><description>t</description>
            <item><title>Story</title><link>https://example.org/a</link><guid>g1</guid><description><![CDATA[\(description)]]></description>\(encoded)</item>
            </channel></rss>
            """
    }

    /// DESIGN §5: a feed whose item text became a teaser or a summary of the earlier text holds the
    /// state: no `quote.removed` now, no `quote.new` when the full text returns.
    @Test func aFeedTurningIntoTeasersRaisesNothing() async throws {
        let harness = try PipelineHarness(statements: [Self.gdp, Self.hear])
        let lead = "President Donald Trump spoke to reporters at the White House on Tuesday about the alliance."
        let full = "<p>\(lead)</p><p>“NATO countries should spend 5% of GDP on defence,” Trump said.</p>"
            + "<p>British Defence Secretary John Healey answered in Brussels: “Secretary Hegseth, we hear you.”</p>"
        let feed = FeedConfig(id: "wire", url: try harness.writeFeed(Self.fullFeed(content: full, description: "<p>\(lead)</p>")))
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew, .quoteNew])
        // content:encoded dropped: only the first paragraph is left.
        _ = try harness.writeFeed(Self.fullFeed(content: nil, description: "<p>\(lead)</p>"))
        let teaser = try await harness.refresh(feed)
        #expect(teaser.itemsProcessed == 1)
        #expect(teaser.events.isEmpty, "\(teaser.events)")
        #expect(try await harness.store.storedItem(feedID: "wire", identity: "g1")?.states.count == 2)
        // The full text returns.
        _ = try harness.writeFeed(Self.fullFeed(content: full, description: "<p>\(lead)</p>"))
        #expect(try await harness.refresh(feed).events.isEmpty)
        // The same field cut to its first paragraphs with an ellipsis is a teaser too.
        let cut = "<p>\(lead)</p><p>“NATO countries should spend 5% of GDP on defence,” Trump said. …</p>"
        _ = try harness.writeFeed(Self.fullFeed(content: cut, description: "<p>\(lead)</p>"))
        #expect(try await harness.refresh(feed).events.isEmpty)
        // A real cut of the end, not a teaser, is a removal.
        _ = try harness.writeFeed(Self.fullFeed(content: full.replacingOccurrences(of: "“Secretary Hegseth, we hear you.”", with: "that Europe would do more."), description: "<p>\(lead)</p>"))
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteRemoved])
    }

    /// DESIGN §5: a response that failed never stores validators; the feed stays failed until a real
    /// feed is read, and only then is it `feed.recovered`.
    @Test func aPageThatIsNotAFeedNeverRecoversByA304() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness()
        server.route("/feed", TestRoute(headers: [("Content-Type", "text/html")], body: Array("<html><body><p>Welcome</p></body></html>".utf8), etag: "\"h1\""))
        let feed = FeedConfig(id: "site", url: server.url("/feed"))
        let first = try await harness.refresh(feed)
        #expect(first.result == .failed)
        #expect(first.events.map(\.type) == [.feedFailed])
        #expect(try await harness.store.feedState(id: "site")?.etag == nil, "no validators from a failed response")
        let second = try await harness.refresh(feed)
        #expect(server.requests.last?.headers["if-none-match"] == nil)
        #expect(second.result == .failed)
        #expect(second.events.isEmpty, "no feed.recovered")
        #expect(try await harness.store.feedState(id: "site")?.result == .failed)

        server.route("/feed", TestRoute(body: Array(rss([]).utf8), etag: "\"f1\""))
        let real = try await harness.refresh(feed)
        #expect(real.events.map(\.type) == [.feedRecovered])
        #expect(try await harness.store.feedState(id: "site")?.etag == "\"f1\"")
        #expect(try await harness.refresh(feed).result == .notModified)
    }

    /// A document edited twice within one second keeps its Last-Modified: sent back, a server that
    /// compares whole seconds would answer the second edit with a 304. Such a validator is weak and
    /// not kept, so the edit is seen.
    @Test func anEditWithinTheSecondOfTheLastFetchIsSeen() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness(statements: [Self.gdp])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        // The response's Date is the document's Last-Modified: modified in the second it was served.
        let now = formatter.string(from: Date())
        let quoted = "<p>President Donald Trump spoke.</p><p>“NATO countries should spend 5% of GDP on defence,” Trump said.</p>"
        server.route("/rss.xml", TestRoute(
            headers: [("Date", now)], body: Array(rss([("g1", "https://example.org/a", quoted)]).utf8), lastModified: now))
        let feed = FeedConfig(id: "wire", url: server.url("/rss.xml"))
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew])
        server.route("/rss.xml", TestRoute(
            headers: [("Date", now)], body: Array(rss([("g1", "https://example.org/a", quoted.replacingOccurrences(of: "5%", with: "3.5%"))]).utf8),
            lastModified: now))
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteEdited, .claimChanged])
        #expect(server.requests.last?.headers["if-modified-since"] == nil)
    }

    /// Two feeds quoting the same statement in the same cycle: one is the first appearance, and the
    /// other's `quote.new` names it.
    @Test func twoFeedsInOneCycleNameTheFirstAppearance() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness(statements: [Self.gdp])
        let quoted = "<p>President Donald Trump spoke.</p><p>“NATO countries should spend 5% of GDP on defence,” Trump said.</p>"
        server.route("/a.xml", .ok(rss([("a1", "https://a.example/1", quoted)])))
        server.route("/b.xml", .ok(rss([("b1", "https://b.example/1", quoted)])))
        async let a = harness.refresh(FeedConfig(id: "wire-a", url: server.url("/a.xml")))
        async let b = harness.refresh(FeedConfig(id: "wire-b", url: server.url("/b.xml")))
        let events = try await a.events + b.events
        #expect(events.map(\.type) == [.quoteNew, .quoteNew])
        let firsts = Set(events.compactMap { $0.first.map { "\($0.feed) \($0.item)" } })
        #expect(firsts.count == 1, "both name the same first appearance: \(firsts)")
        let first = try #require(events.first { $0.detail?.contains("first appearance in any feed") == true })
        let second = try #require(events.first { $0.id != first.id })
        #expect(second.detail?.contains("first quoted by \(first.feed)") == true, "\(second)")
        #expect(first.first?.item == first.item)
    }

    /// Matching as a fact-checker reads: an antonym is no match, a paraphrase in another voice is.
    @Test func anAntonymIsNoMatchAndAParaphraseIs() async throws {
        let growth = Statement(id: "growth", speaker: "Tom Baird", aliases: ["Baird"], text: "The government's growth target is unrealistic.")
        let strike = Statement(id: "strike", speaker: "Dana Holt", aliases: ["Holt"], text: "Nurses will strike until the government restores safe staffing levels")
        let harness = try PipelineHarness(statements: [growth, strike])
        let body = "<p>Opposition leader Tom Baird spoke on Tuesday.</p><p>“The government's growth target is realistic, if the rates stay low,” Baird said.</p>"
            + "<p>Union leader Dana Holt spoke outside the hospital.</p><p>“Our nurses will stay on strike until safe staffing levels are restored,” Holt said.</p>"
        let events = try await harness.refresh(FeedConfig(id: "wire", url: try harness.writeFeed(rss([("g1", "https://example.org/a", body)])))).events
        #expect(events.map(\.statement) == ["strike"], "\(events)")
        #expect(events.first?.speaker == "Dana Holt")
        #expect((events.first?.score ?? 0) >= Statement.defaultThreshold)
    }
}
