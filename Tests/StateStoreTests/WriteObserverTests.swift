import Foundation
import StateStore
import Synchronization
import Testing

/// The write observer's listener stays one call away however often it is read: a function value kept
/// bare in a `Mutex` gained two reabstraction thunks per read, so after a long cycle each call ran
/// through tens of thousands of them (and a long-running daemon would overflow its stack).
@Suite struct WriteObserverTests {
    @Test func aListenerReadAHundredThousandTimesIsCalledOnAShallowStack() throws {
        let observer = WriteObserver()
        #expect(observer.current == nil)
        let heard = Mutex<[Duration]>([])
        observer.listen { duration in heard.withLock { $0.append(duration) } }
        for _ in 0..<100_000 { _ = observer.current }
        // A thread with 256 KB of stack: two hundred thousand nested thunks would not fit in it.
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            observer.current?(.milliseconds(7))
            done.signal()
        }
        thread.stackSize = 256 << 10
        thread.start()
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(heard.withLock { $0 } == [.milliseconds(7)])
    }

    @Test func aNewListenerReplacesTheOldOne() {
        let observer = WriteObserver()
        let calls = Mutex<[String]>([])
        observer.listen { _ in calls.withLock { $0.append("first") } }
        observer.listen { _ in calls.withLock { $0.append("second") } }
        observer.current?(.seconds(1))
        #expect(calls.withLock { $0 } == ["second"])
    }
}
