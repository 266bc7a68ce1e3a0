import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Change tracking through the real binary: a statement added by SIGHUP matched against what is
/// stored, linked pages read again by `run --once`, and `history` showing each version kept.
@Suite(.serialized) struct ChangeTrackingCLITests {
    /// A statement the example feed quotes (Pete Hegseth's ‘robust’ guarantees) that the bundled
    /// configuration does not track.
    static var guarantees: [String: Any] {
        ["id": "hegseth-guarantees", "speaker": "Pete Hegseth", "aliases": ["Hegseth"], "text": "European countries must establish robust security guarantees"]
    }

    static func addStatement(_ statement: [String: Any], in folder: URL) throws {
        let url = folder.appendingPathComponent("feeds.json")
        var config = CLI.json(try String(contentsOf: url, encoding: .utf8))
        config["statements"] = (config["statements"] as? [[String: Any]] ?? []) + [statement]
        try JSONSerialization.data(withJSONObject: config).write(to: url)
    }

    /// DESIGN §5: a statement added by a reload is matched at once against the stored items: its
    /// `quote.new` comes without the feed being read again (a file feed: the daemon's next fetch is an
    /// hour away).
    @Test func aStatementAddedBySighupIsMatchedAtOnce() throws {
        let folder = try ControlSocketTests.folder(feeds: [("nato-example", "Examples/feeds/nato-ministers.xml")])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer { ControlSocketTests.stop(daemon) }
        try #require(log.wait(for: "cycle done"), "\(log.text)")
        #expect(!log.text.contains("hegseth-guarantees"))
        try ChangeTrackingCLITests.addStatement(ChangeTrackingCLITests.guarantees, in: folder)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(log.wait(for: "statement=hegseth-guarantees"), "\(log.text)")
        let events = try CLI.run(["events", "--json", "--statement", "hegseth-guarantees"], in: folder).lines.map(CLI.json)
        #expect(events.map { $0["type"] as? String } == ["quote.new"])
        #expect(events.first?["speaker"] as? String == "Pete Hegseth")
        #expect(log.text.components(separatedBy: "cycle done").count == 2, "no second cycle: \(log.text)")
    }

    /// The same between two runs: `run --once` with a statement added since the last run.
    @Test func aStatementAddedBetweenRunsIsMatchedAgainstTheStore() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder).status == 0)
        try ChangeTrackingCLITests.addStatement(ChangeTrackingCLITests.guarantees, in: folder)
        let again = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(again.stderr.contains(#/quote\.new id=\d+ statement=hegseth-guarantees speaker="Pete Hegseth"/#), "\(again.stderr)")
        #expect(try CLI.run(["events", "--json", "--type", "quote.new"], in: folder).lines.count == 5)
    }

    /// DESIGN §3: `run --once` reads the linked page of every item still in a `fetchArticles` feed,
    /// whether or not the feed changed.
    @Test func runOnceReadsEveryLinkedPageAgain() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        func page(_ share: String) -> String {
            "<html><body><article><p>President Donald Trump spoke to reporters at the White House on Tuesday, a day before the ministers met.</p>"
                + "<p>“NATO countries should spend \(share) of GDP on defence,” Trump said, repeating a demand he has made since the summer.</p>"
                + "<p>Allies have until June to present their plans, officials said, and several have asked for more time.</p></article></body></html>"
        }
        server.route("/a.html", TestRoute(headers: [("Content-Type", "text/html")], body: Array(page("5%").utf8), etag: "\"p1\""))
        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description>
            <item><title>Trump on NATO</title><link>\(server.url("/a.html"))</link><guid>g1</guid><description>Trump spoke.</description></item>
            </channel></rss>
            """
        server.route("/rss.xml", TestRoute(body: Array(feed.utf8), etag: "\"f1\""))
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("feeds.json")
        var config = CLI.json(try String(contentsOf: url, encoding: .utf8))
        config["feeds"] = [["id": "wire", "url": server.url("/rss.xml"), "fetchArticles": true, "articleRecheck": "1d"]]
        try JSONSerialization.data(withJSONObject: config).write(to: url)

        let first = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(first.stderr.contains("quote.new id=1 statement=nato-five-percent"), "\(first.stderr)")
        server.route("/a.html", TestRoute(headers: [("Content-Type", "text/html")], body: Array(page("3.5%").utf8), etag: "\"p2\""))
        let second = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.requests.filter { $0.path == "/rss.xml" }.last?.headers["if-none-match"] == "\"f1\"", "the feed itself is unchanged")
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        #expect(events.map { $0["type"] as? String } == ["quote.new", "quote.edited", "claim.changed"], "\(second.stderr)")
        #expect(events.last?["oldValues"] as? [String] == ["5%"])
        #expect(events.last?["newValues"] as? [String] == ["3.5%"])

        // Both versions are kept as evidence.
        let history = try CLI.run(["history", "--json", "g1"], in: folder)
        #expect(history.status == 0, "\(history.stderr)")
        let versions = history.lines.map(CLI.json)
        #expect(versions.map { $0["version"] as? Int } == [1, 2])
        #expect(versions.map { $0["etag"] as? String } == ["\"p1\"", "\"p2\""])
        #expect(versions.map { $0["source"] as? String } == ["page", "page"])
        #expect(versions.allSatisfy { ($0["url"] as? String) == server.url("/a.html") })
        #expect((versions.last?["text"] as? String)?.contains("3.5%") == true)
        let quotes = versions.last?["quotes"] as? [[String: Any]] ?? []
        #expect(quotes.first?["speaker"] as? String == "Donald Trump")
        let text = try CLI.run(["history", server.url("/a.html")], in: folder)
        #expect(text.status == 0)
        #expect(text.lines.first?.hasPrefix("wire g1 ") == true, "\(text.stdout)")
        #expect(text.stdout.contains("#2 ") && text.stdout.contains("etag=\"p2\""), "\(text.stdout)")
        let missing = try CLI.run(["history", "no-such-item"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no stored item has the guid or link \"no-such-item\""), "\(missing.stderr)")
    }
}
