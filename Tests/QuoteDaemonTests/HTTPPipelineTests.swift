import Foundation
import QuoteCore
import QuoteDaemon
import StateStore
import TestSupport
import Testing

/// The pipeline against a real HTTP server on loopback: the bundled feed served over HTTP, validators
/// stored and sent back, and an edited version fetched later.
@Suite struct HTTPPipelineTests {
    @Test func feedOverHTTPWithConditionalGETAndAnEdit() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness()
        let original = try PipelineHarness.exampleFeed()
        server.route("/rss.xml", TestRoute(headers: [("Content-Type", "application/rss+xml; charset=utf-8")],
                                           body: Array(original.utf8), gzip: true, etag: "\"v1\""))
        let feed = FeedConfig(id: "wire", url: server.url("/rss.xml"))

        let first = try await harness.refresh(feed)
        #expect(first.result == .ok)
        #expect(first.events.filter { $0.type == .quoteNew }.count >= 4)
        let state = try #require(try await harness.store.feedState(id: "wire"))
        #expect(state.etag == "\"v1\"")
        #expect(state.httpStatus == 200)

        let second = try await harness.refresh(feed)
        #expect(second.result == .notModified)
        #expect(second.events.isEmpty)
        #expect(server.requests.last?.headers["if-none-match"] == "\"v1\"")
        #expect(server.requests.last?.headers["user-agent"]?.hasPrefix("quotewatch/") == true)

        let edited = original.replacingOccurrences(of: "‘Secretary Hegseth, we hear you.’", with: "‘Secretary Hegseth, we hear you loud and clear.’")
        try #require(edited != original)
        server.route("/rss.xml", TestRoute(body: Array(edited.utf8), etag: "\"v2\""))
        let third = try await harness.refresh(feed)
        #expect(third.events.map(\.type) == [.quoteEdited], "\(third.events)")
        #expect(third.events.first?.statement == "healey-we-hear-you")
        #expect(third.events.first?.previous == "Secretary Hegseth, we hear you.")
        #expect(try await harness.store.feedState(id: "wire")?.etag == "\"v2\"")
    }

    @Test func serverErrorFailsTheFeedWithItsStatus() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness()
        server.route("/gone.xml", TestRoute(status: 410))
        let outcome = try await harness.refresh(FeedConfig(id: "gone", url: server.url("/gone.xml")))
        #expect(outcome.result == .failed)
        #expect(outcome.error?.contains("HTTP 410") == true, "\(outcome.error ?? "")")
        #expect(try await harness.store.feedState(id: "gone")?.httpStatus == 410)
    }

    @Test func permanentRedirectIsFollowedFromThenOn() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness()
        server.route("/old.xml", .redirect(301, to: server.url("/new.xml")))
        server.route("/new.xml", .ok(rss([])))
        let feed = FeedConfig(id: "moved", url: server.url("/old.xml"))
        #expect(try await harness.refresh(feed).result == .ok)
        #expect(try await harness.store.feedState(id: "moved")?.fetchURL == server.url("/new.xml"))
        let before = server.requests.count
        _ = try await harness.refresh(feed)
        #expect(server.requests.dropFirst(before).map(\.path) == ["/new.xml"])
        #expect(harness.sink.contents.components(separatedBy: "feed moved permanently").count == 2, "logged once")
    }

    @Test func retryAfterPostponesTheNextTry() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let harness = try PipelineHarness()
        server.route("/busy.xml", TestRoute(status: 429, headers: [("Retry-After", "7200")]))
        let start = Date()
        let outcome = try await harness.refresh(FeedConfig(id: "busy", url: server.url("/busy.xml"), refreshInterval: 60))
        #expect(outcome.result == .failed)
        let next = try #require(try await harness.store.feedState(id: "busy")?.nextDue)
        #expect(next.timeIntervalSince(start) >= 7199)
    }

    /// `fetchArticles`: the quotes come from the linked page's main text, fetched through the same
    /// fetcher; quotes in the page's navigation and related links stay out.
    @Test func articlePagesAreReadWhenAsked() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let statements = [
            Statement(id: "hear", speaker: "John Healey", aliases: ["Healey"], text: "Secretary Hegseth, we hear you"),
            Statement(id: "decoy", speaker: "John Healey", aliases: ["Healey"], text: "The budget is a disgrace for the armed forces"),
        ]
        let harness = try PipelineHarness(statements: statements)
        let page = """
            <html><head><title>Healey answers Hegseth</title></head><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
            <article><h1>Healey answers Hegseth</h1>
            <p>British Defence Secretary John Healey, who led the discussions in Brussels on Wednesday, answered the American demands directly.</p>
            <p>“Secretary Hegseth, we hear you,” Healey told the ministers, adding that Europe would carry more of the burden in the years ahead.</p>
            <p>The meeting ended without a joint statement, officials said, and the ministers will meet again in June.</p>
            </article>
            <aside><h2>Most read</h2><ul><li><a href="/x">Healey: “The budget is a disgrace for the armed forces”</a></li></ul></aside>
            <footer><p>© Example Wire</p></footer></body></html>
            """
        server.route("/articles/healey.html", .ok(page, headers: [("Content-Type", "text/html; charset=utf-8")]))
        let feedText = rss([("g1", server.url("/articles/healey.html"), "<p>Healey answered the U.S. demands.</p>")])
        server.route("/rss.xml", .ok(feedText))
        let outcome = try await harness.refresh(FeedConfig(id: "wire", url: server.url("/rss.xml"), fetchArticles: true))
        #expect(outcome.events.map(\.statement) == ["hear"], "\(outcome.events)")
        #expect(outcome.events.first?.speaker == "John Healey")
        #expect(server.requests.contains { $0.path == "/articles/healey.html" })

        // Without fetchArticles the feed's own text has no quote.
        let plain = try PipelineHarness(statements: statements)
        #expect(try await plain.refresh(FeedConfig(id: "wire", url: server.url("/rss.xml"))).events.isEmpty)
    }
}
