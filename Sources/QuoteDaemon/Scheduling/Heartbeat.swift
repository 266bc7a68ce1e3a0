import Synchronization

/// When the scheduler last made progress, for the watchdog (README, "Watchdog").
///
/// The scheduler beats at each turn of its loop (at least once a minute when idle) and, during a
/// cycle, when each feed starts and ends; the pipeline beats after each transfer and each item.
public final class Heartbeat: Sendable {
    private let last: Mutex<ContinuousClock.Instant>

    /// A heartbeat whose last beat was at `lastBeat` (now, unless a test says otherwise).
    public init(lastBeat: ContinuousClock.Instant = ContinuousClock.now) {
        last = Mutex(lastBeat)
    }

    /// Records progress now.
    public func beat() {
        let now = ContinuousClock.now
        last.withLock { $0 = now }
    }

    /// The time since the last beat (monotonic: a wall-clock step does not change it).
    public var age: Duration {
        ContinuousClock.now - last.withLock { $0 }
    }
}
