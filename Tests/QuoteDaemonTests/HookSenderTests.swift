import FeedFetching
import Foundation
import QuoteCore
@testable import QuoteDaemon
import TestSupport
import Testing

/// One event through each kind of hook, against real receivers: an HTTP server on loopback and real
/// programs.
@Suite final class HookSenderTests {
    let folder: URL
    let server: TestHTTPServer
    let fetcher: Fetcher

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        Fetcher.globalInit()
        server = try TestHTTPServer()
        fetcher = Fetcher(userAgent: "quotewatch-tests/1.0")
    }

    deinit {
        fetcher.shutdown()
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var event: ChangeEvent {
        var event = ChangeEvent(time: Date(timeIntervalSince1970: 1_796_176_090), type: .quoteNew, statement: "s1", feed: "f",
                                item: "g", quote: "the quote", score: 1)
        event.id = 42
        return event
    }

    func script(_ name: String, _ body: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    @Test func theSignatureIsHMACSHA256() {
        // RFC 4231, test case 2.
        #expect(HookSender.signature(of: Array("what do ya want for nothing?".utf8), secret: Array("Jefe".utf8))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func aSignedPostReachesTheReceiver() async throws {
        server.route("/hook", TestRoute(status: 202))
        let secret = folder.appendingPathComponent("secret")
        try Data("s3cret\n".utf8).write(to: secret)
        let hook = HookConfig(id: "h", kind: .url(server.url("/hook"), secretFile: secret.path))
        #expect(await HookSender(fetcher: fetcher).send(event, through: hook) == .delivered("HTTP 202"))
        let request = try #require(server.requests.first)
        #expect(request.headers["x-quotewatch-event"] == "42")
        #expect(request.headers["x-quotewatch-signature"] == "sha256=" + HookSender.signature(of: request.body, secret: Array("s3cret".utf8)))
        #expect(try JSONValue.parse(request.body.dropLast().map { $0 }) == event.json)
    }

    @Test func aRefusedPostOrAMissingSecretIsNotDelivered() async throws {
        server.route("/hook", TestRoute(status: 500))
        let sender = HookSender(fetcher: fetcher)
        guard case .failed(let why, _) = await sender.send(event, through: HookConfig(id: "h", kind: .url(server.url("/hook"), secretFile: nil))) else {
            Issue.record("a 500 was delivered")
            return
        }
        #expect(why.contains("500"), "\(why)")
        let missing = await sender.send(event, through: HookConfig(id: "h", kind: .url(server.url("/hook"), secretFile: "/nonexistent/secret")))
        #expect(missing == .failed("cannot read the secret file /nonexistent/secret", retryAfter: nil))
    }

    @Test func aCommandGetsTheEventOnStdinAndInItsEnvironment() async throws {
        let out = folder.appendingPathComponent("out")
        let program = try script("hook.sh", "cat > \(out.path).json; echo \"$QW_EVENT_ID $QW_EVENT_TYPE $QW_STATEMENT $1\" > \(out.path).env; ls /proc/self/fd > \(out.path).fds")
        let result = await HookSender(fetcher: fetcher).send(event, through: HookConfig(id: "c", kind: .command([program, "--json"])))
        #expect(result == .delivered("exit 0"))
        #expect(try String(contentsOfFile: out.path + ".env", encoding: .utf8) == "42 quote.new s1 --json\n")
        #expect(try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out.path + ".json")))) == event.json)
        // ls's own: 0, 1 (the redirect), 2 and the directory it reads; none of the test process's.
        let open = try String(contentsOfFile: out.path + ".fds", encoding: .utf8).split(separator: "\n").compactMap { Int($0) }
        #expect(open.filter { $0 > 3 }.isEmpty, "descriptors the program inherited: \(open)")
    }

    @Test func aFailingCommandSaysWhy() async throws {
        let program = try script("fail.sh", "echo 'disk full' >&2; exit 3")
        let result = await HookSender(fetcher: fetcher).send(event, through: HookConfig(id: "c", kind: .command([program])))
        #expect(result == .failed("\(program) exited with status 3: disk full", retryAfter: nil))
    }

    /// A program that leaves a child running with its output open is done when it exits.
    @Test func aBackgroundChildDoesNotHoldTheDeliveryUp() async throws {
        let program = try script("daemonize.sh", "sleep 60 & echo started")
        let started = ContinuousClock.now
        let result = await HookSender(fetcher: fetcher).send(event, through: HookConfig(id: "c", kind: .command([program])))
        #expect(result == .delivered("exit 0"))
        // Well before the child's 60 s (with room for a loaded machine).
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aCommandThatHangsIsKilledAtItsTimeout() async throws {
        let program = try script("hang.sh", "exec sleep 120")
        let started = ContinuousClock.now
        let result = await HookCommand.run([program], input: [], environment: [:], timeout: 1)
        #expect(result == .failed("\(program) was killed after 1 s", retryAfter: nil))
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
