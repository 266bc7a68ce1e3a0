/// Fetches feeds over HTTP(S) (and local files) with libcurl's multi interface.
///
/// One `Fetcher` owns one curl multi handle and one thread that drives it, so many fetches share
/// connections (keep-alive, HTTP/2 multiplexing) and stay off Swift's cooperative thread pool.
/// At most `maxConcurrent` transfers run at once, and at most `maxPerHost` connections go to one host.
///
/// ```swift
/// Fetcher.globalInit()
/// let fetcher = Fetcher(userAgent: "quotewatch/1.0 (+https://example.org/quotewatch)")
/// let response = try await fetcher.fetch(FetchRequest(url: feed.url, etag: stored.etag))
/// if response.status == 304 { /* unchanged */ }
/// fetcher.shutdown()
/// ```
///
/// Cancelling the calling task aborts its transfer at once; ``shutdown()`` aborts all of them.
public final class Fetcher: Sendable {
    private let loop: CurlMultiLoop
    private let userAgent: String

    /// Runs `curl_global_init` once per process; later calls do nothing. Call it before any task starts
    /// (``init(userAgent:maxConcurrent:maxPerHost:)`` calls it too, as a safety net).
    public static func globalInit() {
        _ = CurlGlobal.initCode
    }

    /// Starts a fetcher and its thread.
    /// - Parameters:
    ///   - userAgent: the `User-Agent` sent with every request.
    ///   - maxConcurrent: the most transfers in flight at once (others wait their turn, their timeouts not yet running).
    ///   - maxPerHost: the most connections to one host at once.
    public init(userAgent: String, maxConcurrent: Int = 16, maxPerHost: Int = 2) {
        Fetcher.globalInit()
        self.userAgent = userAgent
        loop = CurlMultiLoop(maxConcurrent: maxConcurrent, maxPerHost: maxPerHost)
    }

    deinit {
        loop.shutdown()
    }

    /// Fetches `request.url`, conditionally when the request carries validators.
    ///
    /// - Returns: the response for a 2xx (body decoded) or a 304 (empty body); a file reads as 200.
    /// - Throws: ``FetchError``: `.http(status:)` for 4xx/5xx, `.timeout`, `.tooLarge(limit:)`,
    ///   `.tooManyRedirects`, `.connection`, `.tls`, `.protocolNotAllowed`, `.notFound`, `.cancelled`, ...
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let transfer = try Transfer(request: request, userAgent: userAgent)
        if Task.isCancelled { throw .cancelled(url: request.url) }
        let loop = self.loop
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Transfer.Outcome, Never>) in
                transfer.begin(continuation)
                if !loop.submit(transfer) {
                    transfer.finish(.failure(.cancelled(url: request.url, reason: "the fetcher has shut down")))
                }
            }
        } onCancel: {
            transfer.markCancelled()
            loop.cancel(transfer)
        }
        return try outcome.get()
    }

    /// Aborts every transfer in flight (each throws `.cancelled`), then stops the thread and frees the
    /// multi handle. Returns once that is done; later fetches fail at once. Idempotent.
    public func shutdown() {
        loop.shutdown()
    }
}
