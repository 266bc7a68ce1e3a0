import QuoteCore
import Testing

@Suite struct RefreshPolicyTests {
    let policy = RefreshPolicy()

    @Test func successWaitsTheIntervalWithJitter() {
        #expect(policy.delay(interval: 900, failures: 0, draw: 0.5) == 900)
        #expect(policy.delay(interval: 900, failures: 0, draw: 0) == 810)
        #expect(abs(policy.delay(interval: 900, failures: 0, draw: 0.999_999) - 990) < 0.01)
    }

    @Test func failuresBackOffExponentiallyUpToTheCap() {
        let delays = (1...8).map { policy.delay(interval: 900, failures: $0, draw: 0.5) }
        #expect(delays == [900, 1800, 3600, 7200, 14400, 21600, 21600, 21600])
        #expect(policy.delay(interval: 900, failures: 1000, draw: 0.5) == 21600, "never gives up, never overflows")
    }

    @Test func retryAfterMovesTheNextTryAtLeastThatFar() {
        #expect(policy.delay(interval: 60, failures: 1, retryAfter: 3600, draw: 0.5) == 3600)
        #expect(policy.delay(interval: 900, failures: 1, retryAfter: 10, draw: 0.5) == 900)
        #expect(policy.delay(interval: 60, failures: 1, retryAfter: 10 * 86400, draw: 0.5) == 86400, "capped at a day")
    }
}
