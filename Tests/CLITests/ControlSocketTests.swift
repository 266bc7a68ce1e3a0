import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon as systemd and `quotewatch refresh` see it: the notification socket (READY, STATUS,
/// WATCHDOG, STOPPING), the control socket and its line protocol, and reloads that wake the
/// scheduler. Serialized: the daemons these tests start get environment variables of their own.
@Suite(.serialized) struct ControlSocketTests {
    /// A folder with the example configuration whose feeds are `feeds` (id, URL), each due hourly.
    static func folder(feeds: [(String, String)]) throws -> URL {
        let folder = try CLI.exampleFolder()
        try writeConfig(in: folder, feeds: feeds)
        return folder
    }

    static func writeConfig(in folder: URL, feeds: [(String, String)]) throws {
        let url = folder.appendingPathComponent("feeds.json")
        var config = CLI.json(try String(contentsOf: url, encoding: .utf8))
        config["refreshInterval"] = "1h"
        config["feeds"] = feeds.map { ["id": $0.0, "url": $0.1] }
        try JSONSerialization.data(withJSONObject: config).write(to: url)
    }

    /// The mode of the file at `path`, nil when there is none.
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode : nil
    }

    /// Leaves a socket file nobody listens on, as a daemon killed with SIGKILL does.
    static func leaveDeadSocket(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
    }

    /// Polls `condition` until it holds, at most `timeout` seconds.
    static func eventually(_ timeout: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    static func stop(_ daemon: Process) {
        if daemon.isRunning { daemon.terminate() }
        daemon.waitUntilExit()
    }

    /// systemd's side of `Type=notify` and `WatchdogSec=`, at an abstract address and at a path:
    /// READY=1 first (the control socket exists by then, mode 0600), STATUS= after the cycle,
    /// WATCHDOG=1 while healthy, STOPPING=1 at SIGTERM, then exit 0 within 5 s and no socket left.
    @Test(arguments: [true, false])
    func systemdHearsReadyStatusWatchdogAndStopping(abstractAddress: Bool) throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notify = try NotifySocket(abstract: abstractAddress, folder: folder)
        defer { notify.stop() }
        let socket = folder.appendingPathComponent("quotewatch.sock").path
        let (daemon, log) = try CLI.startDaemon(in: folder, environment: ["NOTIFY_SOCKET": notify.address, "WATCHDOG_USEC": "200000"])
        defer { ControlSocketTests.stop(daemon) }
        try #require(notify.wait(for: "READY=1"), "\(notify.messages) \(log.text)")
        let mode = try #require(ControlSocketTests.mode(socket), "no control socket when READY=1 came")
        #expect(mode & S_IFMT == S_IFSOCK)
        #expect(mode & 0o777 == 0o600)
        #expect(notify.messages.first?.hasPrefix("READY=1") == true, "\(notify.messages)")
        #expect(notify.wait(for: "STATUS=1 feeds refreshed, 0 failing"), "\(notify.messages)")
        #expect(notify.wait(for: "WATCHDOG=1"), "\(notify.messages) \(log.text)")
        daemon.terminate()
        let stopped = Date()
        daemon.waitUntilExit()
        #expect(Date().timeIntervalSince(stopped) < 5)
        #expect(daemon.terminationStatus == 0, "\(log.text)")
        #expect(notify.wait(for: "STOPPING=1", timeout: 5), "\(notify.messages)")
        #expect(ControlSocketTests.mode(socket) == nil, "the control socket is removed at shutdown")
    }

    /// `refresh --wait FEED` through the real socket: the feed's progress and result line by line,
    /// the feed really fetched again (a conditional GET, answered 304); `refresh` alone asks for all
    /// feeds and returns at once; an unknown id is exit 1 and nothing is asked.
    @Test func refreshWaitShowsEachFeedAndFetchesItAgain() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let example = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("Examples/feeds/nato-ministers.xml"))
        server.route("/wire.xml", TestRoute(body: [UInt8](example), etag: "\"1\""))
        server.route("/other.xml", .ok(#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>"#))
        let folder = try ControlSocketTests.folder(feeds: [("wire", server.url("/wire.xml")), ("other", server.url("/other.xml"))])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer { ControlSocketTests.stop(daemon) }
        try #require(log.wait(for: "cycle done"), "\(log.text)")
        func fetches(_ path: String) -> [TestRequest] { server.requests.filter { $0.path == path } }
        let before = fetches("/wire.xml").count

        let waited = try CLI.run(["refresh", "--wait", "wire"], in: folder)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.lines == [
            "wire: fetching",
            "wire: not modified, 0 items read, 0 events",
            "done: 1 feed (0 ok, 1 not modified, 0 failed), 0 items read, 0 events",
        ], "\(waited.stdout)")
        #expect(fetches("/wire.xml").count == before + 1, "the feed is fetched again")
        #expect(fetches("/wire.xml").last?.headers["if-none-match"] == "\"1\"")

        let others = fetches("/other.xml").count
        let asked = try CLI.run(["refresh"], in: folder)
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stdout == "asked the daemon to refresh 2 feeds: wire, other\n")
        #expect(ControlSocketTests.eventually { fetches("/other.xml").count > others }, "\(log.text)")

        let unknown = try CLI.run(["refresh", "--wait", "wire", "nope"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "quotewatch: unknown feed \"nope\"\n")
        #expect(unknown.stdout.isEmpty)
        #expect(daemon.isRunning)
    }

    /// With no daemon, `refresh` is exit 1 with one sentence naming the socket it looked for: beside
    /// the database, a dead daemon's socket there, or in $RUNTIME_DIRECTORY under systemd.
    @Test func refreshWithoutADaemonSaysSoAndNamesTheSocket() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let socket = folder.appendingPathComponent("quotewatch.sock").path
        let missing = try CLI.run(["refresh", "--config", "feeds.json"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr == "quotewatch: no quotewatch daemon is running: nothing listens on \(socket)\n")

        try ControlSocketTests.leaveDeadSocket(at: socket)
        let dead = try CLI.run(["refresh", "--wait"], in: folder)
        #expect(dead.status == 1)
        #expect(dead.stderr == "quotewatch: no quotewatch daemon is running: nothing listens on \(socket)\n")

        let runtime = folder.appendingPathComponent("run").path
        let systemd = try CLI.run(["refresh"], in: folder, environment: ["RUNTIME_DIRECTORY": runtime])
        #expect(systemd.status == 1)
        #expect(systemd.stderr.contains("nothing listens on \(runtime)/quotewatch.sock"), "\(systemd.stderr)")
    }

    /// Clients that misbehave get an error line and block nobody: a line that never ends (held open
    /// throughout), one that is not JSON, an unknown command, a wrong type, 70 KB without a line
    /// break (error, then the connection is closed), a client that hangs up mid-refresh. The daemon
    /// replaced a dead daemon's socket file at start, and keeps serving through it all.
    @Test func badClientsGetErrorsAndTheDaemonKeepsServing() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let socket = folder.appendingPathComponent("quotewatch.sock").path
        try ControlSocketTests.leaveDeadSocket(at: socket)
        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer { ControlSocketTests.stop(daemon) }
        try #require(ControlSocketTests.eventually { (try? UnixLineClient(path: socket)) != nil }, "\(log.text)")

        let endless = try UnixLineClient(path: socket)
        #expect(endless.send(Array(#"{"command": "sta"#.utf8)))

        let client = try UnixLineClient(path: socket)
        func ask(_ line: String) -> [String: Any] {
            client.sendLine(line)
            return CLI.json(client.readLine() ?? "")
        }
        let garbage = ask("garbage")
        #expect(garbage["ok"] as? Bool == false)
        #expect(garbage["error"] as? String == "the request is not valid JSON; send one JSON object per line")
        #expect(ask(#"{"command": "launch"}"#)["error"] as? String == "unknown command \"launch\"; use refresh or status")
        #expect(ask(#"{"command": "refresh", "wait": "yes"}"#)["error"] as? String == "\"wait\" must be true or false")
        #expect(ask(#"{"command": "refresh", "feeds": ["nope"]}"#)["error"] as? String == "unknown feed \"nope\"")
        let status = ask(#"{"command": "status"}"#)
        #expect(status["ok"] as? Bool == true, "\(status)")
        #expect(status["pid"] as? Int == Int(daemon.processIdentifier))
        #expect(status["feeds"] as? Int == 1)

        let long = try UnixLineClient(path: socket)
        long.send(Array(repeating: UInt8(ascii: "x"), count: 70_000))
        let tooLong = CLI.json(long.readLine() ?? "")
        #expect(tooLong["ok"] as? Bool == false)
        #expect((tooLong["error"] as? String)?.contains("longer than 65536 bytes") == true, "\(tooLong)")
        #expect(long.isClosedByPeer())

        do {
            let quitter = try UnixLineClient(path: socket)
            quitter.sendLine(#"{"command": "refresh", "wait": true}"#)
        }

        let refresh = try CLI.run(["refresh", "--wait"], in: folder)
        #expect(refresh.status == 0, "\(refresh.stderr)")
        #expect(refresh.lines.last?.hasPrefix("done: 1 feed (1 ok") == true, "\(refresh.stdout)")
        #expect(ask(#"{"command": "status"}"#)["ok"] as? Bool == true)
        #expect(daemon.isRunning)
        withExtendedLifetime(endless) {}
    }

    /// A SIGHUP whose configuration adds a feed has it fetched at once: without the wake, the
    /// scheduler would sleep out its minute before looking at what is due.
    @Test func aReloadThatAddsAFeedFetchesItAtOnce() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>"#
        server.route("/first.xml", .ok(feed))
        server.route("/added.xml", .ok(feed))
        let folder = try ControlSocketTests.folder(feeds: [("first", server.url("/first.xml"))])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer { ControlSocketTests.stop(daemon) }
        try #require(log.wait(for: "cycle done"), "\(log.text)")
        try ControlSocketTests.writeConfig(in: folder, feeds: [("first", server.url("/first.xml")), ("added", server.url("/added.xml"))])
        kill(daemon.processIdentifier, SIGHUP)
        #expect(log.wait(for: "configuration reloaded"), "\(log.text)")
        #expect(ControlSocketTests.eventually(30) { server.requests.contains { $0.path == "/added.xml" } }, "\(log.text)")
    }
}
