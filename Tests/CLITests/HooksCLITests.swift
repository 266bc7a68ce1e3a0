import Foundation
import TestSupport
import Testing

/// `hooks test HOOK-ID` and `check` on hooks, through the real binary.
@Suite struct HooksCLITests {
    /// The example folder with these hooks in its configuration.
    static func folder(hooks: [[String: Any]]) throws -> URL {
        let folder = try CLI.exampleFolder()
        let path = folder.appendingPathComponent("feeds.json")
        var config = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any] ?? [:]
        config["hooks"] = hooks
        try JSONSerialization.data(withJSONObject: config).write(to: path)
        return folder
    }

    static func script(_ folder: URL, _ name: String, _ body: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    @Test func aSampleEventGoesThroughOneHook() throws {
        let folder = try Self.folder(hooks: [["id": "archive", "command": ["./archive.sh", "--json"], "statements": ["healey-we-hear-you"]],
                                             ["id": "broken", "command": ["./broken.sh"]]])
        defer { try? FileManager.default.removeItem(at: folder) }
        let received = folder.appendingPathComponent("received.json")
        _ = try Self.script(folder, "archive.sh", "cat > \(received.path)")
        _ = try Self.script(folder, "broken.sh", "echo 'no space left' >&2; exit 1")
        #expect(try CLI.run(["check", "--config", "feeds.json"], in: folder).stdout.contains("2 hooks"))

        let sent = try CLI.run(["hooks", "test", "archive"], in: folder)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.hasPrefix("archive: delivered (exit 0): quote.edited: healey-we-hear-you"), "\(sent.stdout)")
        let event = CLI.json(try String(contentsOf: received, encoding: .utf8))
        #expect(event["id"] as? Int == 0 && event["statement"] as? String == "healey-we-hear-you")
        #expect((event["title"] as? String)?.contains("not a real change") == true)

        let failed = try CLI.run(["hooks", "test", "broken"], in: folder)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("broken: not delivered:") && failed.stderr.contains("exited with status 1: no space left"), "\(failed.stderr)")

        let unknown = try CLI.run(["hooks", "test", "nosuch"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains(#"no hook "nosuch" in the configuration; its hooks are archive, broken"#), "\(unknown.stderr)")
    }

    /// `run --once` (a cron job) delivers what its cycle queued before it exits.
    @Test func runOnceDeliversItsEvents() throws {
        let folder = try Self.folder(hooks: [["id": "archive", "command": ["./archive.sh"], "types": ["quote.new"]]])
        defer { try? FileManager.default.removeItem(at: folder) }
        let archived = folder.appendingPathComponent("archived.jsonl")
        _ = try Self.script(folder, "archive.sh", "cat >> \(archived.path)")
        let run = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json).compactMap { $0["id"] as? Int }
        let got = try String(contentsOf: archived, encoding: .utf8).split(separator: "\n").compactMap { CLI.json(String($0))["id"] as? Int }
        #expect(!events.isEmpty && got == events)
        #expect(try CLI.run(["status"], in: folder).stdout.contains("hook archive\tcommand\t0 pending\t\(events.count) delivered"))
    }

    @Test func checkNamesAHookThatCannotWork() throws {
        let folder = try Self.folder(hooks: [["id": "signed", "url": "https://hooks.example.org/qw", "secretFile": "missing.secret"],
                                             ["id": "prog", "command": ["./nosuch.sh"]]])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check", "--config", "feeds.json"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("hooks[0].secretFile: the file \(folder.path)/missing.secret does not exist"), "\(result.stderr)")
        #expect(result.stderr.contains("hooks[1].command[0]: \(folder.path)/nosuch.sh is not an executable file"), "\(result.stderr)")
    }
}
