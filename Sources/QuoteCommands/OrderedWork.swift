import Foundation

/// Work on many inputs spread over the machine's cores, its results handed on in input order: for
/// the commands that read many files or lines (`parse`, `extract`, `match`), whose output must be
/// the same, line for line, as one input after another would give.
///
/// `width` threads of their own take the inputs in order; the calling thread waits for each result
/// in turn and consumes it. At most `window` results are finished or in the making at once, so a
/// slow file holds back only that many, and memory stays bounded however many files there are.
final class OrderedWork<Result: Sendable>: @unchecked Sendable {
    /// Worker threads for a command: the cores this process may use, at most eight.
    static var defaultWidth: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) }

    // All state below is guarded by `condition`'s lock.
    private let condition = NSCondition()
    /// A ring of `window` slots: input `i`'s result waits in slot `i % window`.
    private var slots: [Result?]
    private let count: Int
    /// The next input a worker takes.
    private var next = 0
    /// How many results the caller has taken.
    private var consumed = 0

    private init(count: Int, window: Int) {
        self.count = count
        slots = Array(repeating: nil, count: window)
    }

    /// Runs `work(i)` for every `i` in `0..<count` and calls `consume` with the results in the
    /// order of `i`, on the calling thread. With one input or one core, no thread is started.
    static func run(count: Int, width: Int = defaultWidth, work: @escaping @Sendable (Int) -> Result, consume: (Result) -> Void) {
        guard count > 1, width > 1 else {
            for i in 0..<count { consume(work(i)) }
            return
        }
        let state = OrderedWork(count: count, window: 4 * width)
        for _ in 0..<min(width, count) {
            let thread = Thread { state.workLoop(work) }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for i in 0..<count { consume(state.take(i)) }
    }

    private func workLoop(_ work: (Int) -> Result) {
        condition.lock()
        while true {
            // Input `next` may start once the result `window` places before it has been taken,
            // which frees its slot.
            while next < count && next >= consumed + slots.count { condition.wait() }
            guard next < count else { break }
            let i = next
            next += 1
            condition.unlock()
            let result = work(i)
            condition.lock()
            slots[i % slots.count] = result
            condition.broadcast()
        }
        condition.unlock()
    }

    private func take(_ i: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while slots[i % slots.count] == nil { condition.wait() }
        let result = slots[i % slots.count]!
        slots[i % slots.count] = nil
        consumed = i + 1
        condition.broadcast()
        return result
    }
}
