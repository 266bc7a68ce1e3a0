import Synchronization

/// Who hears how long each write transaction of a store took (the metrics' store latency): set at
/// start, read at every write.
///
/// The listener is held inside a struct, not as a bare closure in the `Mutex`: a function value kept
/// directly as a generic `Mutex`'s value is reabstracted on the way into `withLock`'s `inout`
/// parameter and again on the way back, so every read wrapped it in two more thunks. After a cycle
/// of 11,000 commits a call went 22,000 thunks deep (a fifth of the bench cycle's CPU, and a stack
/// that would overflow in a daemon left running).
public final class WriteObserver: Sendable {
    private struct Listener: Sendable {
        let heard: @Sendable (Duration) -> Void
    }

    private let listener = Mutex<Listener?>(nil)

    public init() {}

    /// From now on `heard` is told each write's duration (replacing any listener before it).
    public func listen(_ heard: @escaping @Sendable (Duration) -> Void) {
        listener.withLock { $0 = Listener(heard: heard) }
    }

    /// The listener in force, if any.
    public var current: (@Sendable (Duration) -> Void)? {
        listener.withLock { $0?.heard }
    }
}
