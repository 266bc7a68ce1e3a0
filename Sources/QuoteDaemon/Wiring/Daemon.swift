import FeedFetching
import FeedParsing
import Foundation
import Logging
import QuoteCore
import QuoteWeb
import ServiceLifecycle
import StateStore
import UnixSignals

/// Wires the daemon together (DESIGN §1): configuration, single-writer lock, store, fetcher and
/// pipeline, then runs the services until SIGTERM or SIGINT, or one cycle with `once`.
public enum Daemon {
    /// The web server of `http` (DESIGN §8). Its health is the watchdog's check (with systemd's
    /// timeout, else a minute); a changed `http` takes effect at the next start.
    static func web(
        _ http: HTTPConfig, store: any Store, config: ConfigBox, heartbeat: Heartbeat, notifier: SystemdNotifier, metrics: DaemonMetrics,
        logger: Logger
    ) throws(DaemonError) -> WebServer {
        var token: WebToken?
        if let file = http.tokenFile {
            guard let read = WebToken.read(file) else {
                throw DaemonError("http.tokenFile: the file \(file) cannot be read or holds no token")
            }
            token = read
        }
        let health = Watchdog(timeout: Watchdog.timeout() ?? .seconds(60), heartbeat: heartbeat, store: store, config: config, notifier: notifier, logger: logger)
        let sources = WebSources(
            store: store, config: { config.current.config }, health: { await health.check() },
            metrics: { await metrics.exposition(store: store, config: config.current.config) })
        return WebServer(http: http, token: token, sources: sources, logger: logger) { address in
            logger.info("web pages at http://\(address)/", metadata: ["http": .string(address)])
        }
    }

    /// Runs `quotewatch run`.
    /// - Throws: ``DaemonError`` with the exit code to use.
    public static func run(configPath: String, once: Bool, logger: Logger) async throws(DaemonError) {
        // A signal that arrives before its handler is installed would kill the process (DESIGN §8).
        signal(SIGPIPE, SIG_IGN)
        signal(SIGHUP, SIG_IGN)
        let config = try ConfigFile.load(configPath)
        // One writer per SQLite file; instances sharing a server coordinate through its leases.
        let lock = config.isSharedStore ? nil : try InstanceLock(databasePath: config.databasePath)
        let store = try await StoreOpening.open(config, logger: logger)
        Fetcher.globalInit()
        FeedParser.initialize()
        let fetcher = Fetcher(userAgent: Product.userAgent)
        defer { fetcher.shutdown() }
        let box = ConfigBox(ActiveConfig(config))
        let heartbeat = Heartbeat()
        let metrics = DaemonMetrics()
        store.observeWrites { metrics.stored(took: $0) }
        let deliveries = DeliveryService(store: store, config: box, sender: HookSender(fetcher: fetcher), logger: logger, metrics: metrics)
        deliveries.takeHooks()
        let pipeline = Pipeline(store: store, fetcher: fetcher, logger: logger, heartbeat: heartbeat, committed: { deliveries.eventsCommitted() })
        let notifier = SystemdNotifier()
        let scheduler = RefreshScheduler(
            pipeline: pipeline, config: box, logger: logger, notifier: notifier, once: once, heartbeat: heartbeat, metrics: metrics)
        // Graceful shutdown runs through the services from last to first: the scheduler goes first,
        // so STOPPING=1 is sent and transfers are aborted at once; the control socket closes last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        var metadata: Logger.Metadata = [
            "config": .string(configPath), "database": .string(config.databasePath),
            "feeds": .stringConvertible(config.feeds.count), "statements": .stringConvertible(config.statements.count),
        ]
        if !config.hooks.isEmpty { metadata["hooks"] = .stringConvertible(config.hooks.count) }
        if !once {
            let socketPath = ControlSocket.path(databasePath: config.databasePath, configPath: configPath)
            do throws(DaemonError) {
                let server = try ControlServer(path: socketPath, scheduler: scheduler, config: box, logger: logger)
                metadata["socket"] = .string(server.path)
                services.append(.init(service: server))
            } catch {
                // Instances sharing a server may run side by side on one machine, one config:
                // the first takes the socket, the others refresh on their schedule only.
                guard config.isSharedStore else { throw error }
                logger.warning("\(error.message); this instance takes no refresh requests (another one on this machine does)")
            }
            if let http = config.http {
                services.append(.init(service: try web(http, store: store, config: box, heartbeat: heartbeat, notifier: notifier, metrics: metrics, logger: logger)))
                metadata["http"] = .string(http.listen)
            }
            if let timeout = Watchdog.timeout() {
                services.append(.init(service: Watchdog(
                    timeout: timeout, heartbeat: heartbeat, store: store, config: box, notifier: notifier, logger: logger)))
                metadata["watchdog"] = .string("\(timeout)")
            }
            services.append(.init(service: ReloadListener(
                path: configPath, config: box, logger: logger, notifier: notifier, reloaded: {
                    deliveries.takeHooks()
                    scheduler.wakeUp()
                })))
            // Stopped before the scheduler (services stop last to first): a try in flight is
            // cancelled at once and sent again after the restart.
            services.append(.init(service: deliveries))
        }
        services.append(.init(service: scheduler, successTerminationBehavior: .gracefullyShutdownGroup))
        logger.info("quotewatch started", metadata: metadata)
        do {
            // Ready: the configuration is valid, the store open and the control socket bound.
            if !once { notifier.notify("READY=1\nSTATUS=started, \(config.feeds.count) feeds") }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            // `run --once` delivers what its cycle queued before it exits (a minute at most; what a
            // failing hook did not take waits for the next run or the daemon).
            if once { await deliveries.drain(within: .seconds(60)) }
        } catch let error as StoreError {
            throw DaemonError(error.description, exitCode: 2)
        } catch {
            throw DaemonError("stopped by an internal error: \(error)", exitCode: 2)
        }
        withExtendedLifetime(lock) {}
        logger.info("quotewatch stopped")
    }
}
