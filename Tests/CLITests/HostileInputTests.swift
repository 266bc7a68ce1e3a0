import Foundation
import Testing

/// Documents written to hurt a feed reader, each in its own feed of one `run --once` beside the good
/// example feed: each fails or is cut with a message, within a bounded time, and the good feed is
/// read all the same.
@Suite struct HostileInputTests {
    /// A `run --once` over the given feed files (name → bytes) and the example feed; returns the
    /// daemon's exit status and stderr, and the stored events. Fails the test if the run takes more
    /// than `deadline` seconds (a hang), killing it.
    static func runOnce(
        _ documents: [String: Data], limits: [String: Any]? = nil, deadline: Double = 180
    ) throws -> (status: Int32, stderr: String, events: [[String: Any]], folder: URL) {
        let folder = try CLI.exampleFolder()
        var config = CLI.json(try String(contentsOf: folder.appendingPathComponent("feeds.json"), encoding: .utf8))
        var feeds = config["feeds"] as? [[String: Any]] ?? []
        for (name, bytes) in documents.sorted(by: { $0.key < $1.key }) {
            try bytes.write(to: folder.appendingPathComponent("\(name).xml"))
            feeds.append(["id": name, "url": "\(name).xml"])
        }
        config["feeds"] = feeds
        if let limits { config["limits"] = limits }
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("feeds.json"))
        let (process, log) = try CLI.start(["run", "--once", "--config", "feeds.json"], in: folder, collecting: \.standardError)
        let end = Date().addingTimeInterval(deadline)
        while process.isRunning && Date() < end { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("run --once did not finish within \(Int(deadline)) s")
        }
        process.waitUntilExit()
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        return (process.terminationStatus, log.text, events, folder)
    }

    static func rss(items: String, prolog: String = "") -> Data {
        Data("<?xml version=\"1.0\" encoding=\"utf-8\"?>\(prolog)<rss version=\"2.0\"><channel><title>t</title><link>http://example.com/</link>\(items)</channel></rss>".utf8)
    }

    static func goodFeedRead(_ events: [[String: Any]]) -> Bool {
        events.filter { $0["type"] as? String == "quote.new" && $0["feed"] as? String == "nato-example" }.count >= 4
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let secret = "qw-secret-\(UUID().uuidString)"
        let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("qw-secret-\(UUID().uuidString).txt")
        try Data(secret.utf8).write(to: secretFile)
        defer { try? FileManager.default.removeItem(at: secretFile) }
        let xxe = HostileInputTests.rss(
            items: "<item><guid>x1</guid><title>&leak;</title><description>“&leak;,” she said.</description></item>",
            prolog: "<!DOCTYPE rss [<!ENTITY leak SYSTEM \"file://\(secretFile.path)\">]>")
        let run = try HostileInputTests.runOnce(["xxe": xxe])
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(HostileInputTests.goodFeedRead(run.events))
        #expect(!run.stderr.contains(secret))
        // Nothing of the file reached the store (database and write-ahead log).
        for name in ["quotewatch.sqlite", "quotewatch.sqlite-wal"] {
            let stored = (try? Data(contentsOf: run.folder.appendingPathComponent(name))) ?? Data()
            #expect(stored.range(of: Data(secret.utf8)) == nil, "\(name) holds the external entity's text")
        }
    }

    @Test func deepNestingNULsAndBadUTF8FailOrAreReadAlone() throws {
        let deep = HostileInputTests.rss(
            items: "<item><guid>d1</guid><title>deep</title><description>" + String(repeating: "<x>", count: 10_000)
                + "“Too deep,” he said." + String(repeating: "</x>", count: 10_000) + "</description></item>")
        var nul = Data(HostileInputTests.rss(items: "<item><guid>n1</guid><title>a\u{0}b</title><description>“Nul,” she said.\u{0}</description></item>"))
        nul.append(contentsOf: [0, 0, 0])
        var bad = Data("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><item><guid>b1</guid><title>".utf8)
        bad.append(contentsOf: [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x41])
        bad.append(Data("</title><description>“Bad bytes,” he said.</description></item></channel></rss>".utf8))
        let run = try HostileInputTests.runOnce(["deep": deep, "nul": nul, "badutf8": bad])
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(HostileInputTests.goodFeedRead(run.events))
        // Each either failed with a reason, or was read (what libxml2 recovers) with a note.
        let failures = CLI.failures(run.events)
        for name in ["deep", "nul", "badutf8"] {
            if let reason = failures[name] {
                #expect(!reason.isEmpty)
            } else {
                #expect(run.stderr.contains("feed=\(name)"), "nothing said about \(name): \(run.stderr)")
            }
        }
        let status = try CLI.run(["status", "--json"], in: run.folder)
        #expect(status.status == 0)
    }

    @Test func aHundredMegabyteLineFailsAtTheFeedLimit() throws {
        let line = Data(repeating: UInt8(ascii: "a"), count: 100_000_000)
        let run = try HostileInputTests.runOnce(["line": line])
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(HostileInputTests.goodFeedRead(run.events))
        #expect(CLI.failures(run.events)["line"]?.contains("exceeds the 10 MB limit") == true, "\(run.events)")
    }

    @Test func aFeedOfAHundredThousandItemsIsReadToItsLimitWithAWarning() throws {
        var items = ""
        items.reserveCapacity(5_000_000)
        for index in 0..<100_000 { items += "<item><guid>i\(index)</guid><title>t\(index)</title></item>" }
        let run = try HostileInputTests.runOnce(["many": HostileInputTests.rss(items: items)])
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(HostileInputTests.goodFeedRead(run.events))
        #expect(CLI.failures(run.events)["many"] == nil)
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("limits.itemsPerFeed") }
        #expect(warnings.count == 1, "\(run.stderr)")
        #expect(warnings.first?.contains("feed has 100000 items; only the first 1000 are read") == true)
        let status = try CLI.run(["status", "--json"], in: run.folder)
        let feeds = CLI.json(status.stdout)["feeds"] as? [[String: Any]] ?? []
        #expect(feeds.first { $0["id"] as? String == "many" }?["result"] as? String == "ok")
    }

    @Test func longItemsAndItemsWithManyQuotesAreCutToTheirLimits() throws {
        let example = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("Examples/feeds/nato-ministers.xml"))
        let run = try HostileInputTests.runOnce(["copy": example], limits: ["quotesPerItem": 2, "itemBytes": "3KB"])
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.status == 0, "\(run.stderr)")
        for limit in ["limits.quotesPerItem", "limits.itemBytes"] {
            // Once per feed: the example feed and its copy.
            #expect(run.stderr.split(separator: "\n").filter { $0.contains(limit) }.count == 2, "\(limit): \(run.stderr)")
        }
        let quotes = run.events.filter { $0["type"] as? String == "quote.new" }
        #expect(!quotes.isEmpty && quotes.count < 8, "\(quotes)")
    }
}
