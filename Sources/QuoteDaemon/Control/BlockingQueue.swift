import Foundation

/// A queue between async code and a thread of its own: ``push(_:)`` never blocks (the scheduler
/// reports progress through it), ``pop()`` blocks the calling thread (a control connection's).
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var elements: [Element] = []
    private var closed = false

    /// Adds an element; dropped once the queue is closed.
    func push(_ element: Element) {
        condition.lock()
        if !closed {
            elements.append(element)
            condition.signal()
        }
        condition.unlock()
    }

    /// The next element, waiting for one; nil once the queue is closed.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while elements.isEmpty && !closed { condition.wait() }
        if closed { return nil }
        return elements.removeFirst()
    }

    /// Ends the queue: waiting and later ``pop()`` calls return nil, pushes are dropped.
    func close() {
        condition.lock()
        closed = true
        elements.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
