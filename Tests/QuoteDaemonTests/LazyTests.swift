import Synchronization
import Testing
@testable import QuoteDaemon

/// A value made on first use: once, however many threads ask at the same time, and not before.
@Suite struct LazyTests {
    @Test func madeOnceOnFirstUseWhoeverAsks() async {
        let made = Mutex(0)
        let lazy = Lazy<[Int]> {
            made.withLock { $0 += 1 }
            return Array(0..<1000)
        }
        #expect(made.withLock { $0 } == 0, "nothing is made before it is asked for")
        let sums = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { lazy.value.reduce(0, +) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sums == Array(repeating: 499_500, count: 16))
        #expect(made.withLock { $0 } == 1)
    }
}
