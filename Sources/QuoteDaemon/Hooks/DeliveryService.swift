import Foundation
import Logging
import QuoteCore
import ServiceLifecycle
import StateStore
import Synchronization

/// Sends the queued deliveries of every configured hook (DESIGN §9), a service of the daemon.
///
/// The store queues a delivery per hook in the same transaction as each event the hook's filters
/// pass. Here, one worker per hook takes its deliveries in event order, one at a time: the next
/// goes out only once the one before it was delivered, so a receiver sees the events in order, and
/// at least once (a delivery is removed only after it was delivered; a crash before that sends it
/// again). A failed try is retried after a back-off with jitter (5 s doubling to an hour, longer
/// when the receiver's Retry-After says so), never given up while the hook is configured. A hook's
/// first failure is one warning, its recovery one line; the tries between are debug lines.
///
/// Graceful shutdown cancels the tries in flight at once (a transfer is aborted, a program is
/// stopped): what is left is sent after the restart. A reload that adds, changes or removes hooks
/// restarts the workers with the new ones; the deliveries of a removed hook are dropped.
public final class DeliveryService: Service, Sendable {
    /// The first retry's delay; it doubles up to ``backoff``'s cap.
    public static let firstRetry = 5.0
    public static let backoff = RefreshPolicy(backoffCap: 3600, retryAfterCap: 3600, jitter: 0.2)
    /// The longest a worker sleeps before it looks at its queue again.
    static let longestSleep = Duration.seconds(60)

    let store: any Store
    let config: ConfigBox
    let sender: HookSender
    let logger: Logger
    let now: @Sendable () -> Date
    let draw: @Sendable () -> Double
    let metrics: DaemonMetrics?
    /// Wakes every worker: events were committed, or the configuration changed.
    private let wakers = Mutex<[String: WakeSignal]>([:])
    private let changed = WakeSignal()
    /// The hooks last taken in (nil before the first time).
    private let taken = Mutex<[HookConfig]?>(nil)

    public init(
        store: any Store, config: ConfigBox, sender: HookSender, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, draw: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        metrics: DaemonMetrics? = nil
    ) {
        self.store = store
        self.config = config
        self.metrics = metrics
        self.sender = sender
        self.logger = logger
        self.now = now
        self.draw = draw
    }

    /// New events were committed: the workers look at their queues now.
    public func eventsCommitted() {
        for waker in wakers.withLock({ Array($0.values) }) { waker.signal() }
    }

    /// Takes in the hooks of the configuration in force (at start and after each reload): the store
    /// queues each new event for them, a hook whose secret, password or program is not there is
    /// warned about here, and when they differ from the hooks taken before, the workers restart
    /// with them (a reload that leaves the hooks alone cuts off no try in flight).
    public func takeHooks() {
        let config = self.config.current.config
        store.setHooks(config.hooks)
        for problem in ConfigFile.problemsOnDisk(config, feeds: false) {
            logger.warning("hook cannot deliver until this is fixed: \(problem)")
        }
        let before = taken.withLock { taken in
            defer { taken = config.hooks }
            return taken
        }
        if let before, before != config.hooks { changed.signal() }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                let hooks = config.current.config.hooks
                await dropRemovedHooks(keeping: hooks)
                await withTaskGroup(of: Void.self) { group in
                    for hook in hooks {
                        let waker = WakeSignal()
                        wakers.withLock { $0[hook.id] = waker }
                        group.addTask { await self.work(hook, waker: waker) }
                    }
                    // Until the hooks change (or shutdown): then every worker stops and restarts.
                    group.addTask { [changed] in
                        await changed.wait(timeout: .seconds(86_400 * 365))
                    }
                    await group.next()
                    group.cancelAll()
                }
                wakers.withLock { $0.removeAll() }
            }
        }
    }

    /// `run --once`: sends what is due of every hook's queue, each until it is empty or a try
    /// fails (that one waits for its back-off at the next run), all within `limit`.
    public func drain(within limit: Duration) async {
        let hooks = config.current.config.hooks
        guard !hooks.isEmpty else { return }
        await dropRemovedHooks(keeping: hooks)
        await withTaskGroup(of: Bool.self) { group in
            for hook in hooks {
                group.addTask {
                    await self.work(hook, waker: WakeSignal(), once: true)
                    return true
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            // Until every worker is done, or the deadline ends those still trying.
            var done = 0
            for await isWorker in group {
                guard isWorker else { break }
                done += 1
                if done == hooks.count { break }
            }
            group.cancelAll()
        }
    }

    /// Drops the queues of hooks no longer configured.
    private func dropRemovedHooks(keeping hooks: [HookConfig]) async {
        do {
            try await store.dropDeliveries(keepingHooks: Set(hooks.map(\.id)))
        } catch {
            logger.error("cannot drop the deliveries of removed hooks: \(error.description)")
        }
    }

    /// One hook's worker: its deliveries in event order, until cancelled (with `once`: until its
    /// queue holds nothing due, or a try fails).
    func work(_ hook: HookConfig, waker: WakeSignal, once: Bool = false) async {
        var failing = (try? await store.hookStates().first { $0.id == hook.id }?.failingSince) != nil
        while !Task.isCancelled {
            let next: PendingDelivery?
            do {
                next = try await store.nextDelivery(hook: hook.id)
            } catch {
                logger.error("hook \(hook.id): cannot read its deliveries: \(error.description)")
                await waker.wait(timeout: DeliveryService.longestSleep)
                continue
            }
            guard let delivery = next else {
                if once { return }
                await waker.wait(timeout: DeliveryService.longestSleep)
                continue
            }
            let wait = delivery.nextTry.timeIntervalSince(now())
            if wait > 0 {
                if once { return }
                await waker.wait(timeout: .milliseconds(Int(min(wait, 60) * 1000)))
                continue
            }
            let result = await sender.send(delivery.event, through: hook, now: now())
            if Task.isCancelled { return }
            do {
                switch result {
                case .delivered(let answer):
                    try await store.recordDelivered(delivery, at: now())
                    metrics?.delivered(hook: hook.id)
                    if failing {
                        logger.info("hook \(hook.id) delivers again", metadata: [
                            "hook": .string(hook.id), "event": .stringConvertible(delivery.event.id ?? 0), "answer": .string(answer),
                        ])
                        failing = false
                    } else {
                        logger.debug("delivered", metadata: ["hook": .string(hook.id), "event": .stringConvertible(delivery.event.id ?? 0), "answer": .string(answer)])
                    }
                case .failed(let why, let retryAfter):
                    let delay = DeliveryService.backoff.delay(
                        interval: DeliveryService.firstRetry, failures: delivery.attempts + 1, retryAfter: retryAfter, draw: draw())
                    try await store.recordFailure(delivery, error: why, nextTry: now().addingTimeInterval(delay), at: now())
                    metrics?.deliveryFailed(hook: hook.id)
                    let metadata: Logger.Metadata = [
                        "hook": .string(hook.id), "event": .stringConvertible(delivery.event.id ?? 0), "error": .string(why),
                        "retry": .string(ConfigDuration.format(delay.rounded())),
                    ]
                    if failing {
                        logger.debug("hook still failing", metadata: metadata)
                    } else {
                        logger.warning("hook \(hook.id) failing; its deliveries wait and are retried", metadata: metadata)
                        failing = true
                    }
                    if once { return }
                case .cancelled:
                    return
                }
            } catch {
                // The delivery stays queued: at worst it goes out twice (at least once, never lost).
                logger.error("hook \(hook.id): cannot record a delivery: \(error.description)")
                await waker.wait(timeout: .seconds(5))
            }
        }
    }
}
