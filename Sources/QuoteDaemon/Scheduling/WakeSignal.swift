/// Wakes one sleeping task early: the scheduler waits on it between cycles, and a refresh request or
/// a reload signals it. A signal that comes while nobody waits is kept for the next wait, so none is
/// lost between the scheduler's last look at its requests and its going to sleep; several signals
/// before a wait count as one.
///
/// An `AsyncStream` buffering its newest element: a signal yields into it, a wait takes one element.
/// A timeout is a yield of its own from a timer task, so a wait never cancels the stream's `next()`
/// (which would end the stream); one that comes as a signal also does leaves at most one early
/// wake-up, and the scheduler looks again at what is due whenever it wakes.
public struct WakeSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Wakes the current wait, or the next one.
    public func signal() {
        continuation.yield()
    }

    /// Returns when signalled, after `timeout`, or when the task is cancelled, whichever comes first.
    /// One task waits at a time.
    public func wait(timeout: Duration) async {
        let timer = Task { [continuation] in
            try await Task.sleep(for: timeout)
            continuation.yield()
        }
        defer { timer.cancel() }
        var next = stream.makeAsyncIterator()
        _ = await next.next()
    }
}
