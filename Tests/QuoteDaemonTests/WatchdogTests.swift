import Foundation
import Logging
import QuoteCore
import QuoteDaemon
import Testing

/// The watchdog's reading of systemd's variables and its health rule.
@Suite struct WatchdogTests {
    @Test(arguments: [
        (["WATCHDOG_USEC": "200000"], Duration.milliseconds(200)),
        (["WATCHDOG_USEC": "120000000", "WATCHDOG_PID": "4242"], Duration.seconds(120)),
        (["WATCHDOG_USEC": "5000000", "WATCHDOG_PID": ""], Duration.seconds(5)),
    ])
    func timeoutFromTheEnvironment(environment: [String: String], expected: Duration) {
        #expect(Watchdog.timeout(environment: environment, pid: 4242) == expected)
    }

    @Test(arguments: [
        [String: String](),
        ["WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"],
        ["WATCHDOG_USEC": "0"],
        ["WATCHDOG_USEC": "soon"],
    ])
    func noWatchdogForUsWhen(environment: [String: String]) {
        #expect(Watchdog.timeout(environment: environment, pid: 4242) == nil)
    }

    /// The stall limit covers the longest transfer a feed may take plus the slack.
    @Test func stallLimitAllowsTheLongestTransfer() {
        let config = ConfigBox(ActiveConfig(Config(
            refreshInterval: 900, databasePath: "/tmp/x.sqlite",
            feeds: [FeedConfig(id: "a", url: "https://a.example/rss"), FeedConfig(id: "b", url: "https://b.example/rss", timeout: 600)],
            statements: [])))
        #expect(Watchdog.stallLimit(watchdog: .seconds(30), config: config) == .seconds(120 + 600))
        #expect(Watchdog.stallLimit(watchdog: .seconds(300), config: config) == .seconds(300 + 600))
    }

    @Test func healthyWhenTheSchedulerBeatsAndTheStoreAnswers() async throws {
        let harness = try PipelineHarness()
        let config = ConfigBox(harness.active)
        let fresh = Watchdog(
            timeout: .seconds(1), heartbeat: Heartbeat(), store: harness.store, config: config,
            notifier: SystemdNotifier(environment: [:]), logger: Logger(label: "test"))
        #expect(await fresh.check() == nil)
        let stalled = Watchdog(
            timeout: .seconds(1), heartbeat: Heartbeat(lastBeat: .now - .seconds(600)), store: harness.store, config: config,
            notifier: SystemdNotifier(environment: [:]), logger: Logger(label: "test"))
        let problem = await stalled.check()
        #expect(problem?.hasPrefix("the scheduler made no progress for 600 s (limit 120 s)") == true, "\(problem ?? "")")
    }
}
