import Foundation
import TestSupport
import Testing

/// Several instances on one PostgreSQL server (DESIGN §7), as real processes: feeds from a loopback
/// HTTP server that counts each request, a real server (TestSupport.PostgresServer).
@Suite(.serialized, .enabled(if: PostgresServer.skipReason == nil, "\(PostgresServer.skipReason ?? "")"))
struct SharedStoreTests {
    static var statement: [String: Any] {
        ["id": "nato-five-percent", "speaker": "Donald Trump", "aliases": ["Trump"], "text": "NATO countries should spend 5% of GDP on defence"]
    }

    /// A feed whose one item quotes the statement.
    static func feed(_ index: Int) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Outlet \(index)</title><link>https://outlet\(index).example.org/</link><description>x</description>
        <item><title>Trump on spending, \(index)</title><link>https://outlet\(index).example.org/trump</link><guid>outlet-\(index)-trump</guid>
        <description>&lt;p&gt;President Donald Trump said on day \(index): “NATO countries should spend 5% of GDP on defence.” Allies listened.&lt;/p&gt;</description>
        </item></channel></rss>
        """
    }

    /// A folder with a configuration of `count` feeds served by `server` and the store on the test server.
    static func folder(server: TestHTTPServer, count: Int, delay: Double? = nil) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var feeds: [[String: Any]] = []
        for index in 0..<count {
            var route = TestRoute.ok(feed(index), headers: [("Content-Type", "application/rss+xml")])
            if let delay { route.behavior = .delay(delay) }
            server.route("/feed/\(index).xml", route)
            feeds.append(["id": "outlet-\(index)", "url": server.url("/feed/\(index).xml")])
        }
        let config: [String: Any] = [
            "refreshInterval": "1h", "database": try PostgresServer.shared!.database(), "feeds": feeds, "statements": [statement],
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("feeds.json"))
        return folder
    }

    static func quoteNewLines(_ log: String) -> Int {
        log.split(separator: "\n").filter { $0.contains("quote.new ") && $0.contains("statement=nato-five-percent") }.count
    }

    @Test func threeInstancesFetchEachFeedOnceAndLogEachEventOnce() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let count = 60
        let folder = try Self.folder(server: server, count: count, delay: 0.1)
        defer { try? FileManager.default.removeItem(at: folder) }
        let instances = try (0..<3).map { _ in try CLI.start(["run", "--once", "--config", "feeds.json"], in: folder, collecting: \.standardError) }
        for (process, log) in instances {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(log.text)")
        }
        var fetches: [String: Int] = [:]
        for request in server.requests { fetches[request.path, default: 0] += 1 }
        #expect(fetches.count == count)
        #expect(fetches.values.allSatisfy { $0 == 1 }, "fetched more than once: \(fetches.filter { $0.value > 1 })")
        // The work was shared: more than one instance fetched.
        #expect(instances.filter { Self.quoteNewLines($0.1.text) > 0 }.count >= 2, "\(instances.map { Self.quoteNewLines($0.1.text) })")

        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        #expect(events.count == count)
        #expect(Set(events.compactMap { $0["item"] as? String }).count == count, "one quote.new per item")
        #expect(Set(events.compactMap { $0["id"] as? Int }).count == count)
        #expect(instances.reduce(0) { $0 + Self.quoteNewLines($1.1.text) } == count, "each event logged once")
        // The read-only commands read the server.
        let status = CLI.json(try CLI.run(["status", "--json"], in: folder).stdout)
        #expect((status["feeds"] as? [[String: Any]])?.allSatisfy { $0["result"] as? String == "ok" } == true)
        #expect(try CLI.run(["quotes", "--statement", "nato-five-percent"], in: folder).lines.count == count)
        #expect(try CLI.run(["history", "outlet-7-trump"], in: folder).stdout.contains("1 version"))
    }

    @Test func theInstanceLeftFinishesTheCycleOfOneKilled() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let count = 40
        let folder = try Self.folder(server: server, count: count, delay: 0.25)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, firstLog) = try CLI.start(["run", "--once", "--config", "feeds.json"], in: folder, collecting: \.standardError)
        let (second, secondLog) = try CLI.start(["run", "--once", "--config", "feeds.json"], in: folder, collecting: \.standardError)
        defer { for process in [first, second] where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(firstLog.wait(for: "quote.new", timeout: 30), "\(firstLog.text)\n--- second:\n\(secondLog.text)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "\(secondLog.text)")
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        #expect(events.count == count, "\(events.count) events\n\(secondLog.text)")
        #expect(Set(events.compactMap { $0["item"] as? String }).count == count, "complete and single")
        let status = CLI.json(try CLI.run(["status", "--json"], in: folder).stdout)
        #expect((status["feeds"] as? [[String: Any]])?.allSatisfy { $0["result"] as? String == "ok" } == true, "\(status)")
    }

    /// The same with two running daemons: the survivor takes over the killed one's feeds once their
    /// leases expire, and no feed is fetched twice in the interval.
    @Test func aRunningDaemonTakesOverTheFeedsOfOneKilled() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let count = 30
        let folder = try Self.folder(server: server, count: count, delay: 0.25)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, firstLog) = try CLI.start(["run", "--config", "feeds.json"], in: folder, collecting: \.standardError)
        let (second, secondLog) = try CLI.start(["run", "--config", "feeds.json"], in: folder, collecting: \.standardError)
        defer { for process in [first, second] where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(firstLog.wait(for: "quote.new", timeout: 30), "\(firstLog.text)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        var events: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(45)
        while Date() < deadline {
            events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
            if events.count >= count { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        Thread.sleep(forTimeInterval: 1)
        events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        #expect(events.count == count, "\(events.count) events\n\(secondLog.text)")
        #expect(Set(events.compactMap { $0["item"] as? String }).count == count, "complete and single")
        var fetches: [String: Int] = [:]
        for request in server.requests { fetches[request.path, default: 0] += 1 }
        #expect(fetches.count == count)
        // A feed the killed daemon had in flight is fetched again by the survivor; no other twice.
        #expect(fetches.values.filter { $0 > 1 }.count <= RefreshSchedulerLimits.inFlight, "\(fetches.filter { $0.value > 1 })")
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
    }
}

/// What the scheduler keeps in flight at once (RefreshScheduler.concurrentFeeds, plus the leased
/// chunk not yet started).
enum RefreshSchedulerLimits {
    static let inFlight = 8 + 4
}
