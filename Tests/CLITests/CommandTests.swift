import Foundation
import TestSupport
import Testing

@Suite struct CommandTests {
    @Test func checkAcceptsTheBundledConfig() throws {
        let result = try CLI.run(["check", "--config", "feeds.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid, 4 feeds, 5 statements"))
    }

    /// The issue's acceptance case: exit 1, each problem named by its JSON path, one line each.
    @Test func checkNamesEachErrorByItsPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("bad.json")
        try Data("""
            {"colour": "red", "feeds": [{"id": "a", "url": "ftp://example.org/feed.xml"}, {"id": "a", "url": "https://example.org/rss"}]}
            """.utf8).write(to: config)
        let result = try CLI.run(["check", "--config", config.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(result.stderr.contains("feeds[0].url: unsupported scheme \"ftp\""))
        #expect(result.stderr.contains("feeds[1].id: duplicate id \"a\""))
        #expect(result.stderr.contains("colour: unknown key"))
    }

    @Test func missingConfigIsAUserError() throws {
        let result = try CLI.run(["check", "--config", "/nonexistent/feeds.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/feeds.json does not exist"))
    }

    /// `run --once` then `events --json` shows the quote.new events; a second run adds none.
    @Test func runOnceThenEvents() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(#/quote\.new id=\d+ statement=hegseth-borders/#), "\(run.stderr)")
        let events = try CLI.run(["events", "--json"], in: folder)
        #expect(events.status == 0, "\(events.stderr)")
        let objects = events.lines.map(CLI.json)
        #expect(objects.count >= 4)
        let keys = ["id", "time", "type", "statement", "feed", "item", "url", "title", "speaker", "quote", "previous", "score"]
        for object in objects {
            for key in keys { #expect(object.keys.contains(key), "\(key) missing in \(object)") }
            #expect(object["type"] as? String == "quote.new")
            #expect(object["feed"] as? String == "nato-example")
        }
        #expect(Set(objects.compactMap { $0["statement"] as? String }).isSuperset(of: ["hegseth-borders", "hegseth-ukraine-nato", "hegseth-nato-stronger", "healey-we-hear-you"]))
        #expect((objects.first?["time"] as? String)?.hasSuffix("Z") == true)

        let again = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(again.status == 0)
        #expect(try CLI.run(["events", "--json"], in: folder).lines.count == objects.count)
        let filtered = try CLI.run(["events", "--json", "--statement", "healey-we-hear-you"], in: folder)
        #expect(filtered.lines.count == 1)
        let since = try CLI.run(["events", "--json", "--since", "\(objects.count - 1)"], in: folder)
        #expect(since.lines.count == 1)
        let status = CLI.json(try CLI.run(["status", "--json"], in: folder).stdout)
        let feeds = status["feeds"] as? [[String: Any]] ?? []
        #expect(feeds.first?["result"] as? String == "ok")
        let text = try CLI.run(["status"], in: folder).stdout
        #expect(text.hasPrefix("daemon: not running (nothing listens on "), "\(text)")
    }

    /// `events --follow` prints the events already stored, then each new one as it is committed.
    @Test func eventsFollowPrintsNewEventsAsTheyCome() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder).status == 0)
        let (follower, log) = try CLI.start(["events", "--json", "--follow", "--type", "quote.edited"], in: folder, collecting: \.standardOutput)
        defer {
            follower.terminate()
            follower.waitUntilExit()
        }
        let feed = folder.appendingPathComponent("Examples/feeds/nato-ministers.xml")
        let text = try String(contentsOf: feed, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "we hear you.", with: "we hear you loud and clear.").utf8).write(to: feed)
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder).status == 0)
        #expect(log.wait(for: "\"type\": \"quote.edited\"", timeout: 15), "\(log.text)")
        #expect(!log.text.contains("quote.new"), "the type filter holds while following")
    }

    @Test func secondWriterIsRefusedNamingTheHolder() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (daemon, _) = try CLI.startDaemon(in: folder)
        defer {
            daemon.terminate()
            daemon.waitUntilExit()
        }
        // Wait for the daemon to take its lock.
        let lock = folder.appendingPathComponent("quotewatch.sqlite.lock").path
        for _ in 0..<100 where (try? String(contentsOfFile: lock, encoding: .utf8))?.isEmpty ?? true {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let second = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(second.status == 1)
        #expect(second.stderr.contains("pid \(daemon.processIdentifier)"), "\(second.stderr)")
    }

    @Test func daemonStopsCleanlyOnSIGTERM() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (daemon, log) = try CLI.startDaemon(in: folder)
        #expect(log.wait(for: "cycle done"))
        daemon.terminate()
        let stopped = Date()
        daemon.waitUntilExit()
        #expect(Date().timeIntervalSince(stopped) < 5)
        #expect(daemon.terminationStatus == 0)
        #expect(log.wait(for: "quotewatch stopped"))
    }

    /// SIGTERM during a transfer that would hang for 30 s: the transfer is aborted, the daemon exits 0
    /// within 5 s, and the interrupted fetch is not recorded as a failure.
    @Test func sigtermAbortsATransferInFlight() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hang.xml", TestRoute(behavior: .neverAnswer))
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = #"{"feeds": [{"id": "hang", "url": "\#(server.url("/hang.xml"))", "timeout": 30}]}"#
        try Data(config.utf8).write(to: folder.appendingPathComponent("feeds.json"))
        let (daemon, log) = try CLI.startDaemon(in: folder)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !server.requests.contains(where: { $0.path == "/hang.xml" }) { Thread.sleep(forTimeInterval: 0.05) }
        try #require(server.requests.contains { $0.path == "/hang.xml" }, "\(log.text)")
        daemon.terminate()
        let stopped = Date()
        daemon.waitUntilExit()
        #expect(Date().timeIntervalSince(stopped) < 5)
        #expect(daemon.terminationStatus == 0, "\(log.text)")
        let events = try CLI.run(["events", "--json"], in: folder)
        #expect(!events.stdout.contains("feed.failed"), "\(events.stdout)")
    }

    /// A cycle over faulty feeds: each fault fails its own feed with a message saying what happened,
    /// and the good feed in the same cycle is read all the same.
    @Test func eachFaultFailsItsFeedAloneAndTheCycleGoesOn() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let example = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("Examples/feeds/nato-ministers.xml"))
        server.route("/good.xml", TestRoute(body: [UInt8](example), etag: "\"1\""))
        server.route("/error.xml", TestRoute(status: 500))
        server.route("/page.html", .ok("<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>"))
        server.route("/silent.xml", TestRoute(behavior: .neverAnswer))
        server.route("/huge.xml", TestRoute(body: Array(repeating: UInt8(ascii: "x"), count: 11_000_000)))
        let bomb = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\
            <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">\
            <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>\
            <rss version="2.0"><channel><title>&h;</title><item><title>&h;</title></item></channel></rss>
            """
        server.route("/bomb.xml", .ok(bomb))
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = CLI.json(try String(contentsOf: folder.appendingPathComponent("feeds.json"), encoding: .utf8))
        config["feeds"] = ["good", "error", "page", "silent", "huge", "bomb"].map { name -> [String: Any] in
            let path = name == "page" ? "/page.html" : "/\(name).xml"
            return ["id": name, "url": server.url(path), "timeout": 2]
        }
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("feeds.json"))
        let run = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        #expect(events.filter { $0["type"] as? String == "quote.new" && $0["feed"] as? String == "good" }.count >= 4)
        let failures = CLI.failures(events)
        #expect(Set(failures.keys) == ["error", "page", "silent", "huge", "bomb"], "\(failures)")
        #expect(failures["error"]?.contains("HTTP 500") == true, "\(failures)")
        #expect(failures["page"]?.contains("not a feed") == true, "\(failures)")
        #expect(failures["silent"]?.contains("within 2 s") == true, "\(failures)")
        #expect(failures["huge"]?.contains("10 MB") == true, "\(failures)")
        #expect(failures["bomb"] != nil)
        for line in run.stderr.split(separator: "\n") where line.contains("feed.failed") {
            #expect(!line.contains("\n"))
        }
    }

    /// SIGHUP re-reads the configuration: an invalid file is refused with the reason and the old one
    /// stays; a valid one is swapped in.
    @Test func sighupReloadsOrKeepsTheOldConfig() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configURL = folder.appendingPathComponent("feeds.json")
        let valid = try Data(contentsOf: configURL)
        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer {
            daemon.terminate()
            daemon.waitUntilExit()
        }
        #expect(log.wait(for: "cycle done"))
        try Data(#"{"feeds": [], "colour": 1}"#.utf8).write(to: configURL)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(log.wait(for: "configuration not reloaded; keeping the previous one"))
        #expect(log.text.contains("colour: unknown key"))
        try valid.write(to: configURL)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(log.wait(for: "configuration reloaded"))
        #expect(daemon.isRunning)
    }

    static let natoArticle = CLI.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/examples/nato-hegseth-brussels.txt")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: natoArticle.path), "needs ../shared/examples (absent here)"))
    func extractJSONOfTheNATOArticle() throws {
        let article = CommandTests.natoArticle
        let result = try CLI.run(["extract", "--json", article.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = CLI.json(result.stdout)
        #expect(object["source"] as? String == article.path)
        let quotes = object["quotes"] as? [[String: Any]] ?? []
        let text = try String(contentsOf: article, encoding: .utf8)
        let scalars = Array(text.unicodeScalars)
        for quote in quotes {
            let start = quote["start"] as? Int ?? -1
            let end = quote["end"] as? Int ?? -1
            try #require(start >= 0 && end <= scalars.count && start < end)
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[start..<end])
            #expect(String(slice) == quote["text"] as? String, "offsets must cover exactly the quoted words")
        }
        let healey = quotes.first { ($0["text"] as? String)?.contains("we hear you") == true }
        #expect(healey?["speaker"] as? String == "John Healey")
    }

    @Test func parseJSONHasTheContractKeys() throws {
        let result = try CLI.run(["parse", "--json", "Examples/feeds/nato-ministers.xml"])
        #expect(result.status == 0)
        let object = CLI.json(result.stdout)
        for key in ["source", "format", "wellFormed", "encoding", "title", "link", "description", "language", "updated", "items", "error"] {
            #expect(object.keys.contains(key), "\(key)")
        }
        #expect(object["format"] as? String == "rss2.0")
        let item = (object["items"] as? [[String: Any]])?.first ?? [:]
        #expect(item["id"] as? String == "example-wire-2025-02-12-hegseth-brussels")
        #expect(item["published"] as? String == "2025-02-12T18:05:00Z")
        #expect((item["content"] as? String)?.contains("<p>") == true, "content keeps its HTML")
        #expect(item["categories"] as? [String] == ["World", "Defence"])
    }

    @Test func parseGoesOnPastAFileThatIsNotAFeed() throws {
        let result = try CLI.run(["parse", "--json", "README.md", "Examples/feeds/nato-ministers.xml"])
        let lines = result.lines.map(CLI.json)
        #expect(lines.count == 2)
        #expect(lines.first?["error"] is String)
        #expect(lines.last?["error"] is NSNull)
        #expect(result.status == 1, "a file that yields nothing is a failure")
    }

    @Test func checkRefusesALocalFeedFileThatIsNotThere() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"feeds": [{"id": "a", "url": "gone.xml"}], "statements": []}"#.utf8).write(to: folder.appendingPathComponent("feeds.json"))
        let result = try CLI.run(["check", "--config", folder.appendingPathComponent("feeds.json").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("feeds[0].url") && result.stderr.contains("gone.xml does not exist"), "\(result.stderr)")
        let valid = try CLI.run(["check"])
        #expect(valid.status == 0 && valid.stdout.contains("valid, 4 feeds, 5 statements"), "\(valid.stdout)")
    }

    @Test func closedSetOptionsAreCheckedByTheParserWithExit64() throws {
        let level = try CLI.run(["run", "--once", "--log-level", "loud"])
        #expect(level.status == 64)
        #expect(level.stderr.contains("'loud' is invalid for '--log-level") && level.stderr.contains("notice"), "\(level.stderr)")
        let type = try CLI.run(["events", "--type", "nope"])
        #expect(type.status == 64)
        #expect(type.stderr.contains("attribution.changed"), "\(type.stderr)")
        let help = try CLI.run(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--log-format <FORMAT>") && help.stdout.contains("values: trace, debug, info"), "\(help.stdout)")
    }

    @Test func eventsOfAStatementNobodyTracksIsAnError() throws {
        let result = try CLI.run(["events", "--statement", "nosuch"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no statement \"nosuch\""), "\(result.stderr)")
    }

    @Test func parseOfAMissingOrPlainFileFailsAndSaysWhy() throws {
        let missing = try CLI.run(["parse", "nofile.xml"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("nofile.xml does not exist"))
        #expect(!missing.stdout.contains("recovered"))
        let plain = try CLI.run(["parse", "Package.swift"])
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("not a feed") && !plain.stdout.contains("recovered"), "\(plain.stdout)")
        #expect(try CLI.run(["parse", "Examples/feeds/nato-ministers.xml"]).status == 0)
    }

    @Test func matchJSONPerQuote() throws {
        let quotes = """
            {"text": "Secretary Hegseth, we hear you", "speaker": "John Healey"}
            {"text": "Secretary Hegseth, we hear you", "speaker": "Mark Rutte"}
            NATO must be stronger, not a club of diplomats
            The weather in Brussels was grey
            """
        let result = try CLI.run(["match", "--json", "--statements", "feeds.json", "-"], stdin: quotes)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines.map(CLI.json)
        #expect(lines.count == 4)
        #expect(lines[0]["statement"] as? String == "healey-we-hear-you")
        #expect(lines[0]["tier"] as? String == "exact")
        #expect(lines[1]["statement"] is NSNull, "the speaker check applies when a speaker is given")
        #expect(lines[2]["statement"] as? String == "hegseth-nato-stronger")
        #expect(lines[3]["statement"] is NSNull)
    }
}
