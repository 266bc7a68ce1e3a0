import Foundation

/// Wakes one sleeping task early: the scheduler waits on it between cycles, and a refresh request or
/// a reload signals it. A signal that comes while nobody waits is kept for the next wait, so none is
/// lost between the scheduler's last look at its requests and its going to sleep.
public final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    public init() {}

    /// Wakes the current wait, or the next one.
    public func signal() {
        lock.lock()
        let waiting = waiter
        waiter = nil
        if waiting == nil { pending = true }
        lock.unlock()
        waiting?.resume()
    }

    /// Returns when signalled, after `timeout`, or when the task is cancelled, whichever comes first.
    /// One task waits at a time.
    public func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.next() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func next() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if pending || Task.isCancelled {
                    pending = false
                    lock.unlock()
                    continuation.resume()
                    return
                }
                waiter = continuation
                lock.unlock()
            }
        } onCancel: {
            lock.lock()
            let waiting = waiter
            waiter = nil
            lock.unlock()
            waiting?.resume()
        }
    }
}
