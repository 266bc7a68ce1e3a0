import Foundation
import Logging
import QuoteCore
import QuoteDaemon
import StateStore
import Synchronization
import TestSupport
import Testing

/// Refresh requests to a running scheduler, in-process.
@Suite struct RefreshSchedulerTests {
    /// What an observer heard, in order.
    final class Recorder: Sendable {
        private let heard = Mutex<[String]>([])

        func record(_ progress: RefreshProgress) {
            let text: String
            switch progress {
            case .fetching(let feed): text = "fetching \(feed)"
            case .finished(let outcome): text = "finished \(outcome.feedID) \(outcome.result.rawValue)"
            case .skipped(let feed, _): text = "skipped \(feed)"
            case .done: text = "done"
            }
            heard.withLock { $0.append(text) }
        }

        var lines: [String] { heard.withLock { $0 } }
    }

    static func eventually(_ timeout: Double = 20, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    /// A feed asked for while a cycle is fetching it is fetched again right after that cycle, and
    /// the observer hears that second fetch; an unknown id asks for nothing.
    @Test func aRequestDuringACycleIsServedRightAfterIt() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/slow.xml", TestRoute(body: Array(rss([]).utf8), behavior: .delay(1)))
        server.route("/fast.xml", TestRoute(body: Array(rss([]).utf8), etag: "\"f\""))
        let harness = try PipelineHarness()
        var config = harness.active.config
        config.feeds = [FeedConfig(id: "slow", url: server.url("/slow.xml")), FeedConfig(id: "fast", url: server.url("/fast.xml"))]
        let scheduler = RefreshScheduler(pipeline: harness.pipeline, config: ConfigBox(ActiveConfig(config)), logger: Logger(label: "test"))
        let running = Task { try await scheduler.run() }
        defer { running.cancel() }
        // The first cycle is under way: the slow feed's request is in, its answer a second away.
        #expect(await RefreshSchedulerTests.eventually { server.requests.contains { $0.path == "/slow.xml" } })
        #expect(await RefreshSchedulerTests.eventually { server.requests.contains { $0.path == "/fast.xml" } })
        let recorder = Recorder()
        let asked = try scheduler.requestRefresh(["fast", "fast"], observer: { recorder.record($0) })
        #expect(asked == ["fast"])
        #expect(await RefreshSchedulerTests.eventually { recorder.lines.last == "done" }, "\(recorder.lines)")
        #expect(recorder.lines == ["fetching fast", "finished fast not-modified", "done"])
        #expect(server.requests.filter { $0.path == "/fast.xml" }.count == 2)
        #expect(server.requests.filter { $0.path == "/slow.xml" }.count == 1, "only the feed asked for is fetched again")

        #expect(throws: DaemonError.self) { try scheduler.requestRefresh(["fast", "nope"]) }
        do {
            try scheduler.requestRefresh(["nope"])
        } catch {
            #expect(error.message == "unknown feed \"nope\"")
        }
    }

    @Test func aSignalBeforeTheWaitIsKept() async {
        let signal = WakeSignal()
        signal.signal()
        let started = ContinuousClock.now
        await signal.wait(timeout: .seconds(60))
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
