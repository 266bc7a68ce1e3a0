import Foundation
import QuoteCore
import Testing

@Suite struct ConfigLoaderTests {
    func load(_ json: String, state: String? = nil) throws(ConfigError) -> Config {
        try ConfigLoader.load(Data(json.utf8), source: "feeds.json", configDirectory: "/etc/qw", stateDirectory: state)
    }

    func issues(_ json: String) -> [String] {
        do {
            _ = try load(json)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func validConfigResolvesPathsAndDefaults() throws {
        let config = try load("""
            {"refreshInterval": "15m", "database": "data/qw.sqlite",
             "feeds": [{"id": "local", "url": "feeds/a.xml", "refreshInterval": "5m", "fetchArticles": true},
                       {"id": "web", "url": "https://example.org/rss", "timeout": 12},
                       {"id": "uri", "url": "file:///srv/feed%20one.xml"}],
             "statements": [{"id": "s1", "speaker": "Pete Hegseth", "aliases": ["Hegseth"], "text": "A is B", "threshold": 0.8},
                            {"id": "s2", "text": "C is D"}]}
            """)
        #expect(config.refreshInterval == 900)
        #expect(config.databasePath == "/etc/qw/data/qw.sqlite")
        #expect(config.feeds.map(\.url) == ["/etc/qw/feeds/a.xml", "https://example.org/rss", "/srv/feed one.xml"])
        #expect(config.feeds[0].refreshInterval == 300)
        #expect(config.feeds[0].fetchArticles)
        #expect(config.feeds[1].timeout == 12)
        #expect(config.feeds[1].connectTimeout == FeedConfig.defaultConnectTimeout)
        #expect(config.statements.map(\.threshold) == [0.8, Statement.defaultThreshold])
        #expect(config.statements[0].aliases == ["Hegseth"])
    }

    @Test func articleRecheckTakesAFlagADurationOrBounds() throws {
        let config = try load("""
            {"feeds": [{"id": "a", "url": "a.xml", "fetchArticles": true},
                       {"id": "b", "url": "b.xml", "fetchArticles": true, "articleRecheck": false},
                       {"id": "c", "url": "c.xml", "fetchArticles": true, "articleRecheck": "30m"},
                       {"id": "d", "url": "d.xml", "fetchArticles": true, "articleRecheck": {"min": "5m"}},
                       {"id": "e", "url": "e.xml", "fetchArticles": true, "articleRecheck": {"min": "10m", "max": "12h"}}]}
            """)
        #expect(config.feeds.map(\.articleRecheck) == [
            ArticleRecheck(), .never, ArticleRecheck(minimum: 1800, maximum: 1800), ArticleRecheck(minimum: 300),
            ArticleRecheck(minimum: 600, maximum: 43200),
        ])
    }

    @Test func databaseDefaultsToStateDirectoryThenConfigFolder() throws {
        #expect(try load(#"{"feeds": []}"#, state: "/var/lib/quotewatch").databasePath == "/var/lib/quotewatch/quotewatch.sqlite")
        #expect(try load(#"{"feeds": []}"#).databasePath == "/etc/qw/quotewatch.sqlite")
    }

    /// The issue's acceptance case: an ftp:// URL, a duplicate feed id and an unknown key.
    @Test func eachErrorIsNamedByItsJSONPath() {
        let found = issues("""
            {"colour": "blue",
             "feeds": [{"id": "a", "url": "ftp://example.org/feed.xml"}, {"id": "a", "url": "https://example.org/rss"}],
             "statements": []}
            """)
        #expect(found.count == 3)
        #expect(found.contains { $0.hasPrefix("colour: unknown key") })
        #expect(found.contains { $0.hasPrefix("feeds[0].url: unsupported scheme \"ftp\"") })
        #expect(found.contains { $0.hasPrefix("feeds[1].id: duplicate id \"a\"") })
    }

    @Test(arguments: [
        (#"{"feeds": [{"id": "x"}]}"#, "feeds[0].url: missing"),
        (#"{"feeds": [{"url": "a.xml"}]}"#, "feeds[0].id: missing"),
        (#"{"feeds": [{"id": "x", "url": "http://"}]}"#, "feeds[0].url: \"http://\" is not a valid http URL"),
        (#"{"feeds": [{"id": "x y", "url": "a.xml"}]}"#, "feeds[0].id: \"x y\" may use only"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "refreshInterval": "soon"}]}"#, "feeds[0].refreshInterval: \"soon\" is not a duration"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "refreshInterval": "2s"}]}"#, "feeds[0].refreshInterval: 2s is too short"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "fetchArticles": 1}]}"#, "feeds[0].fetchArticles: must be true or false"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "colour": 1}]}"#, "feeds[0].colour: unknown key"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "articleRecheck": "1h"}]}"#, "feeds[0].articleRecheck: has no effect without \"fetchArticles\": true"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "fetchArticles": true, "articleRecheck": "often"}]}"#, "feeds[0].articleRecheck: \"often\" is not a duration"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "fetchArticles": true, "articleRecheck": "5s"}]}"#, "feeds[0].articleRecheck: 5s is too short"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "fetchArticles": true, "articleRecheck": {"min": "2h", "max": "1h"}}]}"#, "feeds[0].articleRecheck: min (2h) is longer than max (1h)"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "fetchArticles": true, "articleRecheck": {"every": "1h"}}]}"#, "feeds[0].articleRecheck.every: unknown key"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "fetchArticles": true, "articleRecheck": {"max": "later"}}]}"#, "feeds[0].articleRecheck.max: \"later\" is not a duration"),
        (#"{"feeds": [{"id": "x", "url": "a.xml", "fetchArticles": true, "articleRecheck": [1]}]}"#, "feeds[0].articleRecheck: must be true, false, a duration"),
        (#"{"feeds": [], "statements": [{"id": "s"}]}"#, "statements[0].text: missing"),
        (#"{"feeds": [], "statements": [{"id": "s", "text": "t", "threshold": 1.5}]}"#, "statements[0].threshold: must be a number"),
        (#"{"feeds": [], "statements": [{"id": "s", "text": "t"}, {"id": "s", "text": "u"}]}"#, "statements[1].id: duplicate id \"s\""),
        (#"{"feeds": [], "statements": [{"id": "s", "text": "t", "aliases": "Hegseth"}]}"#, "statements[0].aliases: must be a list"),
        (#"{"feeds": [], "refreshInterval": 0}"#, "refreshInterval: must be longer than zero"),
        (#"{"statements": []}"#, "feeds: missing"),
        (#"[1, 2]"#, "the configuration must be a JSON object"),
        (#"{"feeds": [}"#, "not valid JSON"),
    ])
    func invalidValues(json: String, expected: String) {
        let found = issues(json)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix(expected) == true, "\(found)")
    }

    @Test(arguments: [("30s", 30.0), ("15m", 900), ("2h", 7200), ("1d", 86400), ("90", 90), ("1.5h", 5400)])
    func durations(text: String, seconds: Double) {
        #expect(ConfigDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "m", "15 minutes", "-5m", "1e3s", "five", "1" + String(repeating: "0", count: 305) + "d"])
    func notDurations(text: String) {
        #expect(ConfigDuration.seconds(text) == nil)
    }

    @Test func bundledExampleConfigIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["feeds.json", "systemd/feeds.example.json"] {
            let data = try Data(contentsOf: root.appendingPathComponent(name))
            let config = try ConfigLoader.load(data, source: name, configDirectory: root.path)
            #expect(config.statements.count == 5, "\(name)")
            #expect(config.feeds.count >= 3, "\(name)")
        }
    }

    @Test func limitsTakeNumbersAndSizesAndDefaultTheRest() throws {
        let config = try load("""
            {"feeds": [], "statements": [], "limits": {"feedBytes": "20MB", "itemBytes": 250000, "itemsPerFeed": 5000, "articleBytes": "1.5 MB"}}
            """)
        #expect(config.limits.feedBytes == 20_000_000)
        #expect(config.limits.itemBytes == 250_000)
        #expect(config.limits.itemsPerFeed == 5000)
        #expect(config.limits.articleBytes == 1_500_000)
        #expect(config.limits.quotesPerItem == Limits().quotesPerItem)
        #expect(try load(#"{"feeds": [], "statements": []}"#).limits == Limits())
    }

    @Test func badLimitsAreNamedByTheirPath() {
        let found = issues("""
            {"feeds": [], "statements": [], "limits": {"feedBytes": "lots", "itemsPerFeed": 2.5, "quotesPerItem": 0, "statements": true, "pages": 3}}
            """)
        #expect(found.contains { $0.hasPrefix("limits.feedBytes: \"lots\" is not a size") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("limits.itemsPerFeed: \"2.5\" is not a whole number") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("limits.quotesPerItem: must be between 1 and") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("limits.statements:") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("limits.pages: unknown key") }, "\(found)")
        #expect(issues(#"{"feeds": [], "statements": [], "limits": [1]}"#) == ["limits: must be an object such as {\"itemsPerFeed\": 2000}"])
    }

    @Test func moreFeedsOrStatementsThanTheLimitAreRefusedWithTheKeyToRaise() throws {
        let feeds = (0..<3).map { #"{"id": "f\#($0)", "url": "f.xml"}"# }.joined(separator: ",")
        let statements = (0..<3).map { #"{"id": "s\#($0)", "text": "t"}"# }.joined(separator: ",")
        #expect(issues(#"{"feeds": [\#(feeds)], "statements": [], "limits": {"feeds": 2}}"#)
            == ["feeds: 3 feeds; at most 2 are allowed (raise limits.feeds)"])
        #expect(issues(#"{"feeds": [], "statements": [\#(statements)], "limits": {"statements": 2}}"#)
            == ["statements: 3 statements; at most 2 are allowed (raise limits.statements)"])
        #expect(try load(#"{"feeds": [\#(feeds)], "statements": [\#(statements)], "limits": {"feeds": 3, "statements": 3}}"#).feeds.count == 3)
    }
}
