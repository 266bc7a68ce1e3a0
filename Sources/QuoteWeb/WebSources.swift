public import Foundation
public import QuoteCore
public import StateStore

/// What the web server reads, given by the daemon: the store, the configuration in force, the
/// watchdog's health check and the metrics text.
public struct WebSources: Sendable {
    public var store: any Store
    public var config: @Sendable () -> Config
    /// nil while healthy (the watchdog would be fed), else what is wrong.
    public var health: @Sendable () async -> String?
    /// The Prometheus text exposition of the daemon's metrics.
    public var metrics: @Sendable () async -> String
    public var now: @Sendable () -> Date

    public init(
        store: any Store, config: @escaping @Sendable () -> Config, health: @escaping @Sendable () async -> String?,
        metrics: @escaping @Sendable () async -> String, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.config = config
        self.health = health
        self.metrics = metrics
        self.now = now
    }
}
