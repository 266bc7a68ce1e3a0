import Foundation
import Metrics
import Prometheus
import QuoteCore
import StateStore

/// The daemon's metrics (DESIGN §8), recorded through swift-metrics into a Prometheus registry of
/// its own (no process-wide bootstrap) and written out as Prometheus text for `/metrics`: feeds and
/// failing feeds, fetches by result and their duration, items read, events by type, cycle
/// duration, hook deliveries pending and failed, store write latency.
public final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    let itemsRead: Metrics.Counter
    let cycleDuration: Metrics.Timer
    let fetchDuration: Metrics.Timer
    let storeWrite: Metrics.Timer
    let feeds: Metrics.Gauge
    let failingFeeds: Metrics.Gauge
    let statements: Metrics.Gauge

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
        ]
        self.factory = factory
        itemsRead = Metrics.Counter(label: "quotewatch_items_read_total", factory: factory)
        cycleDuration = Metrics.Timer(label: "quotewatch_cycle_duration_seconds", factory: factory)
        fetchDuration = Metrics.Timer(label: "quotewatch_feed_refresh_duration_seconds", factory: factory)
        storeWrite = Metrics.Timer(label: "quotewatch_store_write_duration_seconds", factory: factory)
        feeds = Metrics.Gauge(label: "quotewatch_feeds", factory: factory)
        failingFeeds = Metrics.Gauge(label: "quotewatch_feeds_failing", factory: factory)
        statements = Metrics.Gauge(label: "quotewatch_statements", factory: factory)
        // Every series from the start, so a dashboard sees zeros rather than gaps.
        for result in [FeedState.Result.ok, .notModified, .failed] { fetches(result).increment(by: 0) }
        for type in EventType.allCases { Metrics.Counter(label: "quotewatch_events_total", dimensions: [("type", type.rawValue)], factory: factory).increment(by: 0) }
    }

    func fetches(_ result: FeedState.Result) -> Metrics.Counter {
        Metrics.Counter(label: "quotewatch_fetches_total", dimensions: [("result", result.rawValue)], factory: factory)
    }

    /// One feed's refresh ended (its fetch, its items and its linked pages).
    func refreshed(_ outcome: FeedOutcome, took duration: Duration) {
        if outcome.result != .pending { fetches(outcome.result).increment() }
        fetchDuration.recordNanoseconds(Self.nanoseconds(duration))
        itemsRead.increment(by: outcome.itemsProcessed)
        for event in outcome.events {
            Metrics.Counter(label: "quotewatch_events_total", dimensions: [("type", event.type.rawValue)], factory: factory).increment()
        }
    }

    func cycleDone(took duration: Duration) {
        cycleDuration.recordNanoseconds(Self.nanoseconds(duration))
    }

    /// One store write transaction ended.
    func stored(took duration: Duration) {
        storeWrite.recordNanoseconds(Self.nanoseconds(duration))
    }

    /// A hook's try failed.
    func deliveryFailed(hook: String) {
        Metrics.Counter(label: "quotewatch_hook_deliveries_failed_total", dimensions: [("hook", hook)], factory: factory).increment()
    }

    /// A hook's delivery went out.
    func delivered(hook: String) {
        Metrics.Counter(label: "quotewatch_hook_deliveries_total", dimensions: [("hook", hook)], factory: factory).increment()
    }

    /// The Prometheus text, with the gauges read from the store and the configuration first.
    func exposition(store: any Store, config: Config) async -> String {
        feeds.record(config.feeds.count)
        statements.record(config.statements.count)
        if let report = try? await StatusReport.read(config, from: store) {
            failingFeeds.record(report.feeds.filter { $0.result == .failed }.count)
            for (hook, state) in report.hooks {
                Metrics.Gauge(label: "quotewatch_hook_deliveries_pending", dimensions: [("hook", hook.id)], factory: factory).record(state.pending)
                Metrics.Counter(label: "quotewatch_hook_deliveries_failed_total", dimensions: [("hook", hook.id)], factory: factory).increment(by: 0)
            }
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
