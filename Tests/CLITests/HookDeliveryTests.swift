import Crypto
import Foundation
import TestSupport
import Testing

/// Hooks end to end (DESIGN §9), through the real daemon: a webhook that refuses the first posts and
/// is slow after, a command hook that fails and then works, a SIGKILL in the middle of delivering and
/// a restart. Every event reaches both, at least once, in order, signed; each hook's failure and
/// recovery are one line each.
@Suite(.serialized) struct HookDeliveryTests {
    static func eventually(_ timeout: Double = 60, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    @Test func everyEventReachesBothHooksInOrderAcrossACrash() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/hook", TestRoute(status: 500, body: Array("down for maintenance\n".utf8)))
        let secret = "newsroom-secret"
        let folder = try HooksCLITests.folder(hooks: [
            ["id": "newsroom", "url": server.url("/hook"), "secretFile": "newsroom.secret"],
            ["id": "archive", "command": ["./archive.sh"]],
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data((secret + "\n").utf8).write(to: folder.appendingPathComponent("newsroom.secret"))
        let archived = folder.appendingPathComponent("archived.jsonl")
        let broken = folder.appendingPathComponent("archive-broken")
        try Data().write(to: broken)
        _ = try HooksCLITests.script(folder, "archive.sh", """
            if [ -e \(broken.path) ]; then echo 'archive volume not mounted' >&2; exit 2; fi
            cat >> \(archived.path)
            """)

        // First run: both hooks fail.
        var (daemon, log) = try CLI.startDaemon(in: folder)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try #require(log.wait(for: "hook newsroom failing", timeout: 30), "\(log.text)")
        try #require(log.wait(for: "hook archive failing", timeout: 30), "\(log.text)")
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json).compactMap { $0["id"] as? Int }
        #expect(events.count >= 4)
        let status = try CLI.run(["status"], in: folder)
        #expect(status.stdout.contains("hook newsroom\turl\t\(events.count) pending"), "\(status.stdout)")
        #expect(status.stdout.contains("archive volume not mounted"), "\(status.stdout)")

        // The receivers come back, the webhook slow; the daemon is killed while it delivers.
        server.route("/hook", TestRoute(status: 204, behavior: .delay(0.7)))
        try FileManager.default.removeItem(at: broken)
        func delivered() -> [Int] {
            server.requests.filter { $0.path == "/hook" }.compactMap { Int($0.headers["x-quotewatch-event"] ?? "") }
        }
        try #require(Self.eventually(60) { delivered().count >= 2 + 1 }, "\(log.text)")
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        let firstLog = log.text

        // Restart: the rest goes out.
        (daemon, log) = try CLI.startDaemon(in: folder)
        let all = Set(events)
        let webDone = Self.eventually(90) { Set(delivered()).isSuperset(of: all) }
        let archiveDone = try Self.eventually(90) {
            guard let text = try? String(contentsOf: archived, encoding: .utf8) else { return false }
            return Set(text.split(separator: "\n").compactMap { CLI.json(String($0))["id"] as? Int }).isSuperset(of: all)
        }
        // Recorded as delivered too (a receiver may have the last one before the daemon knows).
        let recorded = try Self.eventually(30) {
            let status = try CLI.run(["status"], in: folder).stdout
            return status.contains("hook newsroom\turl\t0 pending") && status.contains("hook archive\tcommand\t0 pending")
        }
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(recorded)
        #expect(webDone, "webhook got \(delivered()) of \(events)\n\(firstLog)\n\(log.text)")
        #expect(archiveDone, "\(firstLog)\n\(log.text)")

        // In order, at least once: a repeat only of what may have been cut off, never a step back.
        for (name, ids) in [("newsroom", Self.firstTimes(delivered())),
                            ("archive", Self.firstTimes(((try? String(contentsOf: archived, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { CLI.json(String($0))["id"] as? Int }))] {
            #expect(ids == ids.sorted(), "\(name) got the events out of order: \(ids)")
        }
        // Every post is the event's JSON with its id and a signature that verifies.
        for request in server.requests where request.path == "/hook" {
            let mac = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Data(secret.utf8)))
            #expect(request.headers["x-quotewatch-signature"] == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
            #expect(CLI.json(String(decoding: request.body, as: UTF8.self))["id"] as? Int == Int(request.headers["x-quotewatch-event"] ?? ""))
            #expect(request.headers["content-type"] == "application/json")
        }
        // One failure line and one recovery line per hook, over both runs.
        let text = firstLog + log.text
        for hook in ["newsroom", "archive"] {
            #expect(text.components(separatedBy: "hook \(hook) failing").count == 2, "\(text)")
            #expect(text.components(separatedBy: "hook \(hook) delivers again").count == 2, "\(text)")
        }
    }

    /// The ids in the order each was first received.
    static func firstTimes(_ ids: [Int]) -> [Int] {
        var seen = Set<Int>()
        return ids.filter { seen.insert($0).inserted }
    }
}

/// Reloads and stops with hooks (DESIGN §9): a reload takes new and removed hooks at once; a stop
/// waits for no slow hook.
@Suite(.serialized) struct HookLifecycleTests {
    static func lines(_ url: URL) -> [[String: Any]] {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map { CLI.json(String($0)) }
    }

    @Test func aReloadSwapsTheHooksWithoutARestart() throws {
        let folder = try HooksCLITests.folder(hooks: [["id": "a", "command": ["./a.sh"]]])
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.jsonl")
        let b = folder.appendingPathComponent("b.jsonl")
        _ = try HooksCLITests.script(folder, "a.sh", "cat >> \(a.path)")
        _ = try HooksCLITests.script(folder, "b.sh", "cat >> \(b.path)")
        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer { ControlSocketTests.stop(daemon) }
        try #require(log.wait(for: "cycle done"), "\(log.text)")
        let first = try CLI.run(["events", "--json"], in: folder).lines.count
        #expect(HookDeliveryTests.eventually(30) { Self.lines(a).count == first }, "\(log.text)")

        // Hook a goes, hook b comes, and a new statement raises an event at once.
        let url = folder.appendingPathComponent("feeds.json")
        var config = CLI.json(try String(contentsOf: url, encoding: .utf8))
        config["hooks"] = [["id": "b", "command": ["./b.sh"]]]
        config["statements"] = (config["statements"] as? [[String: Any]] ?? []) + [ChangeTrackingCLITests.guarantees]
        try JSONSerialization.data(withJSONObject: config).write(to: url)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(HookDeliveryTests.eventually(30) { Self.lines(b).count == 1 }, "\(log.text)")
        #expect(Self.lines(b).first?["statement"] as? String == "hegseth-guarantees")
        #expect(Self.lines(a).count == first, "the removed hook got nothing more")
        let status = try CLI.run(["status"], in: folder).stdout
        #expect(status.contains("hook b\tcommand\t0 pending\t1 delivered") && !status.contains("hook a"), "\(status)")
    }

    @Test func aStopWaitsForNoSlowHook() throws {
        let folder = try HooksCLITests.folder(hooks: [["id": "slow", "command": ["./slow.sh"]]])
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = folder.appendingPathComponent("started")
        _ = try HooksCLITests.script(folder, "slow.sh", "touch \(started.path); exec sleep 60")
        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try #require(HookDeliveryTests.eventually(30) { FileManager.default.fileExists(atPath: started.path) }, "\(log.text)")
        let stopping = Date()
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(Date().timeIntervalSince(stopping) < 5, "\(log.text)")
        #expect(daemon.terminationStatus == 0, "\(log.text)")
        let events = try CLI.run(["events", "--json"], in: folder).lines.count
        #expect(try CLI.run(["status"], in: folder).stdout.contains("hook slow\tcommand\t\(events) pending"), "what was cut off waits for the next start")
    }
}
