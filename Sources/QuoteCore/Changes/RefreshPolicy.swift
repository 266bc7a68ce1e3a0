/// When to fetch a feed next: its interval with jitter after a success; after failures, exponential
/// back-off with jitter up to a cap, never giving up; and never sooner than a server's Retry-After.
///
/// Pure: the caller supplies the jitter draw, so the schedule is testable.
public struct RefreshPolicy: Sendable, Hashable {
    /// The longest wait between two tries of a failing feed.
    public var backoffCap: Double
    /// The longest Retry-After honoured, so a hostile server cannot silence a feed for good.
    public var retryAfterCap: Double
    /// The spread of the jitter, as a fraction of the delay (0.1: ±10%).
    public var jitter: Double

    public init(backoffCap: Double = 6 * 3600, retryAfterCap: Double = 24 * 3600, jitter: Double = 0.1) {
        self.backoffCap = backoffCap
        self.retryAfterCap = retryAfterCap
        self.jitter = jitter
    }

    /// Seconds until the next try.
    /// - Parameters:
    ///   - interval: the feed's refresh interval.
    ///   - failures: consecutive failures so far (0 after a success).
    ///   - retryAfter: the server's Retry-After in seconds, if it sent one.
    ///   - draw: a uniform random number in [0, 1).
    public func delay(interval: Double, failures: Int, retryAfter: Double? = nil, draw: Double) -> Double {
        let spread = 1 + jitter * (2 * min(max(draw, 0), 1) - 1)
        var delay: Double
        if failures <= 0 {
            delay = interval * spread
        } else {
            let exponent = Double(min(failures - 1, 30))
            delay = min(interval * Double.pow2(exponent), max(backoffCap, interval)) * spread
        }
        if let retryAfter, retryAfter > 0 {
            delay = max(delay, min(retryAfter, retryAfterCap))
        }
        return delay
    }
}

extension Double {
    /// 2 raised to `exponent`, without Foundation.
    static func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 {
            result *= 2
            remaining -= 1
        }
        return result
    }
}
