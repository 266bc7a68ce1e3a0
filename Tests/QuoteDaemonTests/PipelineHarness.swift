import FeedFetching
import Foundation
import Logging
import QuoteCore
import QuoteDaemon
import StateStore
import Synchronization

/// A real pipeline on a temporary folder: a real SQLite store, a real libcurl fetcher and a log
/// buffer, with the tracked statements of the bundled feeds.json.
final class PipelineHarness: @unchecked Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let folder: URL
    let store: SQLiteStore
    let fetcher: Fetcher
    let sink = LogSink()
    let pipeline: Pipeline
    var active: ActiveConfig

    /// The pipeline's clock: the real time unless a test moves it (``advance(by:)``).
    let clock = TestClock()

    init(statements: [Statement]? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("quotewatch.sqlite").path)
        Fetcher.globalInit()
        fetcher = Fetcher(userAgent: Product.userAgent)
        let logger = Logger(label: "test") { [sink] label in LineLogHandler(label: label, level: .info, format: .text, journal: true, sink: sink) }
        pipeline = Pipeline(store: store, fetcher: fetcher, logger: logger, now: { [clock] in clock.now }, draw: { 0.5 })
        let bundled = try PipelineHarness.bundledConfig()
        active = ActiveConfig(Config(refreshInterval: 900, databasePath: store.path, feeds: [], statements: statements ?? bundled.statements))
    }

    deinit {
        fetcher.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    static func bundledConfig() throws -> Config {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("feeds.json"))
        return try ConfigLoader.load(data, source: "feeds.json", configDirectory: repositoryRoot.path)
    }

    static func exampleFeed() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("Examples/feeds/nato-ministers.xml"), encoding: .utf8)
    }

    /// Writes a feed document into the folder and returns its path.
    func writeFeed(_ text: String, name: String = "feed.xml") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func refresh(_ feed: FeedConfig, pages: Pipeline.PageSweep = .due) async throws -> FeedOutcome {
        try await pipeline.refresh(feed, with: active, pages: pages)
    }

    /// The configuration with these feeds and statements from now on, as a reload would make it.
    func reload(feeds: [FeedConfig], statements: [Statement]) {
        active = ActiveConfig(Config(refreshInterval: 900, databasePath: store.path, feeds: feeds, statements: statements))
    }
}

/// A clock a test can move forward; it starts at the real time.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }
}

/// A minimal RSS 2.0 document with one item per (guid, HTML body).
func rss(_ items: [(guid: String, link: String, body: String)]) -> String {
    let entries = items.map { item in
        "<item><title>Item \(item.guid)</title><link>\(item.link)</link><guid>\(item.guid)</guid><description><![CDATA[\(item.body)]]></description></item>"
    }.joined()
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Test</title><link>https://example.org/</link><description>t</description>\(entries)</channel></rss>"
}
