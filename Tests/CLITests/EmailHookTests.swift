import Foundation
import TestSupport
import Testing

/// The email hook against a real SMTP server on loopback (aiosmtpd): one message per event.
@Suite(.serialized) struct EmailHookTests {
    @Test func oneMessagePerEventAndForTheTest() throws {
        let folder = try HooksCLITests.folder(hooks: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let receiver: SMTPReceiver
        do {
            receiver = try SMTPReceiver(maildir: folder.appendingPathComponent("maildir"))
        } catch {
            print("skipped: \(error)")
            return
        }
        defer { receiver.stop() }
        let path = folder.appendingPathComponent("feeds.json")
        var config = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any] ?? [:]
        config["hooks"] = [["id": "desk", "email": ["server": "smtp://127.0.0.1:\(receiver.port)", "from": "quotewatch@example.org",
                                                     "to": ["desk@example.org", "editor@example.org"]]]]
        try JSONSerialization.data(withJSONObject: config).write(to: path)

        let test = try CLI.run(["hooks", "test", "desk"], in: folder)
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.contains("desk: delivered (SMTP 250)"), "\(test.stdout)")
        #expect(receiver.messages.count == 1)

        let (daemon, log) = try CLI.startDaemon(in: folder)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try #require(log.wait(for: "cycle done", timeout: 30), "\(log.text)")
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        let deadline = Date().addingTimeInterval(30)
        while receiver.messages.count < events.count + 1, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        let messages = receiver.messages
        #expect(messages.count == events.count + 1, "\(messages.count) messages for \(events.count) events\n\(log.text)")
        for event in events {
            let id = event["id"] as? Int ?? -1
            let message = messages.first { $0.contains("X-Quotewatch-Event: \(id)\n") || $0.contains("X-Quotewatch-Event: \(id)\r\n") }
            #expect(message != nil, "no message for event \(id)")
            #expect(message?.contains("Subject: quote.new: \(event["statement"] as? String ?? "?")") == true)
            #expect(message?.contains("To: <desk@example.org>, <editor@example.org>") == true)
        }
    }
}
