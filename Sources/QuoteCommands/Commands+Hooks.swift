import FeedFetching
import Foundation
import QuoteCore
import QuoteDaemon

extension Commands {
    /// The sample event `hooks test` sends, one that passes the hook's filters: a `quote.edited`
    /// (else the first type the hook takes) of its first statement (else the configuration's),
    /// with id 0 and a title that says it is a test.
    public static func sampleEvent(for hook: HookConfig, config: Config, now: Date) -> ChangeEvent {
        let statement = hook.statements?.sorted().first.flatMap { id in config.statements.first { $0.id == id } } ?? config.statements.first
        let text = statement?.text ?? "Returning to Ukraine's pre-2014 borders is unrealistic"
        var type = EventType.quoteEdited
        if let types = hook.types, !types.contains(.quoteEdited), let first = types.sorted(by: { $0.rawValue < $1.rawValue }).first { type = first }
        var event = ChangeEvent(
            time: now, type: type,
            statement: statement?.id ?? "sample-statement", feed: config.feeds.first?.id ?? "sample-feed", item: "quotewatch-hook-test",
            url: "https://example.org/quotewatch-hook-test", title: "quotewatch hooks test: a sample event, not a real change",
            speaker: statement?.speaker, quote: text + " now", previous: text, score: 1, tier: .exact)
        event.id = 0
        event.detail = WordDiff.render(from: text, to: text + " now")
        return event
    }

    /// `quotewatch hooks test HOOK-ID`: sends the sample event through one hook, as the daemon
    /// would, and says what came back.
    /// - Throws: ``DaemonError`` (exit 1) for an unknown hook or a failed delivery.
    public static func testHook(_ id: String, config: Config, output: (String) -> Void) async throws(DaemonError) {
        guard let hook = config.hook(id: id) else {
            let known = config.hooks.map(\.id)
            throw DaemonError("no hook \"\(id)\" in the configuration" + (known.isEmpty ? "; it has no hooks" : "; its hooks are \(known.joined(separator: ", "))"))
        }
        Fetcher.globalInit()
        let fetcher = Fetcher(userAgent: Product.userAgent)
        defer { fetcher.shutdown() }
        let event = sampleEvent(for: hook, config: config, now: Date())
        switch await HookSender(fetcher: fetcher).send(event, through: hook) {
        case .delivered(let answer):
            output("\(id): delivered (\(answer)): \(HookMessage.subject(event))")
        case .failed(let why, _):
            throw DaemonError("\(id): not delivered: \(why)")
        case .cancelled:
            throw DaemonError("\(id): cancelled before it was delivered")
        }
    }
}
