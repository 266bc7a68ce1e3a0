import Foundation
import Synchronization
import Testing
@testable import QuoteCommands

/// The commands' work on many files over several threads: results in input order whatever order
/// the work finishes in, no more inputs at once than the window, every input exactly once.
@Suite struct OrderedWorkTests {
    /// How many inputs are being worked on now, and the most ever at once.
    final class Load: Sendable {
        let state = Mutex((now: 0, most: 0, started: [Int]()))
        func begin(_ i: Int) { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now); $0.started.append(i) } }
        func end() { state.withLock { $0.now -= 1 } }
    }

    @Test(arguments: [1, 2, 3, 8])
    func resultsComeInInputOrder(width: Int) {
        let load = Load()
        var seen: [Int] = []
        let callingThread = Thread.current
        var consumedElsewhere = false
        // Later inputs finish first: the work of input i sleeps longer the smaller i is.
        OrderedWork<Int>.run(count: 40, width: width, work: { i in
            load.begin(i)
            usleep(UInt32((40 - i % 10) * 200))
            load.end()
            return i * i
        }) { value in
            if Thread.current != callingThread { consumedElsewhere = true }
            seen.append(value)
        }
        #expect(seen == (0..<40).map { $0 * $0 })
        #expect(!consumedElsewhere)
        let state = load.state.withLock { $0 }
        #expect(state.started.sorted() == Array(0..<40))
        #expect(state.most <= max(width, 1))
        if width > 1 { #expect(state.most > 1, "the work never ran on two threads at once") }
    }

    /// A consumer slower than the work holds the workers back: no more than four results per
    /// worker are ever started and not yet taken.
    @Test func aSlowConsumerBoundsTheResultsWaiting() {
        let finished = Mutex(0)
        var waitingMost = 0
        var consumed = 0
        OrderedWork<Int>.run(count: 60, width: 2, work: { i in
            finished.withLock { $0 += 1 }
            return i
        }) { value in
            usleep(500)
            waitingMost = max(waitingMost, finished.withLock { $0 } - consumed)
            consumed += 1
            #expect(value == consumed - 1)
        }
        #expect(consumed == 60)
        #expect(waitingMost <= 4 * 2 + 1, "the window of two workers and the result just taken")
    }

    @Test func noInputsDoNothing() {
        var called = false
        OrderedWork<Int>.run(count: 0, width: 4, work: { $0 }) { _ in called = true }
        #expect(!called)
    }
}
