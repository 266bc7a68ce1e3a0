import FeedFetching
import Foundation
import TestSupport
import Testing

/// The fetcher against a real HTTP/1.1 server on 127.0.0.1 (``TestHTTPServer``): no mocks, no network.
/// Each test gets its own server and fetcher, both stopped when the test ends.
@Suite final class FetcherTests {
    let server: TestHTTPServer
    let fetcher: Fetcher

    init() throws {
        Fetcher.globalInit()
        server = try TestHTTPServer()
        fetcher = Fetcher(userAgent: "quotewatch-tests/1.0")
    }

    deinit {
        fetcher.shutdown()
        server.stop()
    }

    /// Fetches and returns the error, failing the test if the fetch succeeded.
    private func fetchError(_ request: FetchRequest) async -> FetchError? {
        do {
            let response = try await fetcher.fetch(request)
            Issue.record("expected an error, got status \(response.status)")
            return nil
        } catch {
            return error
        }
    }

    /// A task that fetches and returns the error it ends with (nil on success).
    private func fetchTask(_ fetcher: Fetcher, _ request: FetchRequest) -> Task<FetchError?, Never> {
        Task {
            do throws(FetchError) {
                _ = try await fetcher.fetch(request)
                return nil
            } catch {
                return error
            }
        }
    }

    // MARK: - Success and conditional GET

    @Test func okWithBodyAndValidators() async throws {
        server.route(
            "/feed",
            TestRoute(
                status: 200, headers: [("Content-Type", "application/rss+xml; charset=iso-8859-1")],
                body: Array("<rss/>".utf8), etag: "\"v1-abc\"", lastModified: "Sun, 06 Nov 1994 08:49:37 GMT"))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed")))
        #expect(response.status == 200)
        #expect(response.body == Array("<rss/>".utf8))
        #expect(response.etag == "\"v1-abc\"")
        #expect(response.lastModified == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(response.contentType == "application/rss+xml; charset=iso-8859-1")
        #expect(response.effectiveURL == server.url("/feed"))
        #expect(response.permanentRedirect == nil)
        #expect(response.retryAfter == nil)
        let request = try #require(server.requests.first)
        #expect(request.headers["user-agent"] == "quotewatch-tests/1.0")
        #expect(request.headers["if-none-match"] == nil)
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func notModifiedThroughIfNoneMatch() async throws {
        server.route("/feed", TestRoute(body: Array("<rss/>".utf8), etag: "W/\"weak, with comma\""))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed"), etag: "W/\"weak, with comma\""))
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(response.etag == "W/\"weak, with comma\"")
        #expect(server.requests.last?.headers["if-none-match"] == "W/\"weak, with comma\"")

        let changed = try await fetcher.fetch(FetchRequest(url: server.url("/feed"), etag: "\"old\""))
        #expect(changed.status == 200)
        #expect(changed.body == Array("<rss/>".utf8))
    }

    @Test func notModifiedThroughIfModifiedSince() async throws {
        let date = "Wed, 21 Oct 2015 07:28:00 GMT"
        server.route("/feed", TestRoute(body: Array("<feed/>".utf8), lastModified: date))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed"), lastModified: date))
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(server.requests.last?.headers["if-modified-since"] == date)
        #expect(server.requests.last?.headers["if-none-match"] == nil)
    }

    @Test func gzipBodyIsDecoded() async throws {
        let text = String(repeating: "<item>gzip me</item>\n", count: 5000)  // > 64 kB: several deflate blocks
        server.route("/gz", TestRoute(body: Array(text.utf8), gzip: true))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/gz")))
        #expect(response.status == 200)
        #expect(response.body == Array(text.utf8))
        #expect(server.requests.last?.headers["accept-encoding"]?.contains("gzip") == true)
    }

    // MARK: - Redirects

    @Test func permanentRedirectChainSetsPermanentRedirect() async throws {
        server.route("/old", .redirect(301, to: "/older"))
        server.route("/older", .redirect(308, to: server.url("/new")))
        server.route("/new", .ok("new home"))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/old")))
        #expect(response.status == 200)
        #expect(response.body == Array("new home".utf8))
        #expect(response.effectiveURL == server.url("/new"))
        #expect(response.permanentRedirect == server.url("/new"))
    }

    @Test func temporaryHopMeansNoPermanentRedirect() async throws {
        server.route("/a", .redirect(301, to: "/b"))
        server.route("/b", .redirect(302, to: "/c"))
        server.route("/c", .ok("here"))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/a")))
        #expect(response.body == Array("here".utf8))
        #expect(response.effectiveURL == server.url("/c"))
        #expect(response.permanentRedirect == nil)
    }

    @Test func singleTemporaryRedirectIsFollowed() async throws {
        server.route("/tmp", .redirect(302, to: "/there"))
        server.route("/there", .ok("there"))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/tmp")))
        #expect(response.effectiveURL == server.url("/there"))
        #expect(response.permanentRedirect == nil)
    }

    @Test func redirectLoopIsAnError() async throws {
        server.route("/loop1", .redirect(302, to: "/loop2"))
        server.route("/loop2", .redirect(302, to: "/loop1"))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/loop1"), maxRedirects: 5)))
        #expect(error.kind == .tooManyRedirects)
        #expect(error.message == "\(server.url("/loop1")): more than 5 redirects (a redirect loop?)")
        #expect(server.requests.count == 6)
    }

    @Test func redirectToFileIsRefused() async throws {
        server.route("/evil", .redirect(302, to: "file:///etc/passwd"))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/evil"))))
        #expect(error.kind == .protocolNotAllowed)
        #expect(error.message.hasPrefix(server.url("/evil") + ": redirected to a URL whose scheme is not allowed"))
    }

    // MARK: - HTTP errors

    @Test func notFoundIsHTTPError() async throws {
        let error = try #require(await fetchError(FetchRequest(url: server.url("/missing"))))
        #expect(error.kind == .http(status: 404))
        #expect(error.message == "\(server.url("/missing")): HTTP 404 Not Found")
        #expect(error.description == error.message)
        #expect(!error.isTemporary)
    }

    @Test func goneIsHTTPError() async throws {
        server.route("/gone", TestRoute(status: 410))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/gone"))))
        #expect(error.kind == .http(status: 410))
        #expect(error.message == "\(server.url("/gone")): HTTP 410 Gone")
    }

    @Test func serverErrorIsHTTPError() async throws {
        server.route("/boom", TestRoute(status: 500, body: Array("oops".utf8)))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/boom"))))
        #expect(error.kind == .http(status: 500))
        #expect(error.message == "\(server.url("/boom")): HTTP 500 Internal Server Error")
        #expect(error.isTemporary)
        #expect(error.retryAfter == nil)
    }

    @Test func tooManyRequestsCarriesRetryAfterSeconds() async throws {
        server.route("/busy", TestRoute(status: 429, headers: [("Retry-After", "120")]))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/busy"))))
        #expect(error.kind == .http(status: 429))
        #expect(error.retryAfter == 120)
        #expect(error.message == "\(server.url("/busy")): HTTP 429 Too Many Requests (retry after 120 s)")
    }

    @Test func unavailableCarriesRetryAfterDate() async throws {
        let later = Date().addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        server.route("/maint", TestRoute(status: 503, headers: [("Retry-After", formatter.string(from: later))]))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/maint"))))
        #expect(error.kind == .http(status: 503))
        let retryAfter = try #require(error.retryAfter)
        #expect(abs(retryAfter - 3600) < 5)
    }

    // MARK: - Timeouts and broken connections

    @Test func acceptedButNeverAnsweredTimesOut() async throws {
        server.route("/silent", TestRoute(behavior: .neverAnswer))
        let start = ContinuousClock.now
        let error = try #require(await fetchError(FetchRequest(url: server.url("/silent"), totalTimeout: 1)))
        let elapsed = ContinuousClock.now - start
        #expect(error.kind == .timeout)
        #expect(error.message == "\(server.url("/silent")): no response within 1 s")
        #expect(error.isTemporary)
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(10))
    }

    @Test func tricklePastTotalTimeoutTimesOut() async throws {
        server.route("/slow", TestRoute(body: Array(repeating: UInt8(ascii: "x"), count: 50), behavior: .trickle(interval: 0.1)))
        let start = ContinuousClock.now
        let error = try #require(await fetchError(FetchRequest(url: server.url("/slow"), totalTimeout: 1)))
        #expect(error.kind == .timeout)
        #expect(error.message == "\(server.url("/slow")): the transfer did not finish within 1 s")
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func slowButTimelyTrickleSucceeds() async throws {
        server.route("/slowok", TestRoute(body: Array("abcde".utf8), behavior: .trickle(interval: 0.05)))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/slowok"), totalTimeout: 5))
        #expect(response.body == Array("abcde".utf8))
    }

    @Test func connectionResetMidBodyIsConnectionError() async throws {
        server.route("/reset", TestRoute(body: Array(repeating: UInt8(ascii: "y"), count: 10_000), behavior: .resetAfter(bytes: 100)))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/reset"))))
        #expect(error.kind == .connection)
        #expect(error.message.hasPrefix("\(server.url("/reset")): the connection broke off ("))
        #expect(error.curlCode != nil)
    }

    @Test func refusedConnectionIsConnectionError() async throws {
        let closed = try TestHTTPServer()
        let url = closed.url("/feed")
        closed.stop()
        try await Task.sleep(for: .milliseconds(50))
        let error = try #require(await fetchError(FetchRequest(url: url)))
        #expect(error.kind == .connection)
        #expect(error.message.hasPrefix("\(url): could not connect ("))
    }

    // MARK: - Size cap

    @Test func bodyOverCapIsTooLarge() async throws {
        server.route("/big", TestRoute(body: Array(repeating: 0x41, count: 5000)))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/big"), maxBodyBytes: 1000)))
        #expect(error.kind == .tooLarge(limit: 1000))
        #expect(error.message == "\(server.url("/big")): body exceeds the 1 kB limit")
    }

    @Test func bodyWithoutLengthOverCapIsTooLarge() async throws {
        server.route("/stream", TestRoute(body: Array(repeating: 0x42, count: 3_000_000), behavior: .closeDelimited))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/stream"), maxBodyBytes: 2_000_000)))
        #expect(error.kind == .tooLarge(limit: 2_000_000))
        #expect(error.message == "\(server.url("/stream")): body exceeds the 2 MB limit")
    }

    @Test func bodyExactlyAtCapIsAccepted() async throws {
        server.route("/exact", TestRoute(body: Array(repeating: 0x43, count: 1000), behavior: .closeDelimited))
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/exact"), maxBodyBytes: 1000))
        #expect(response.body.count == 1000)
    }

    @Test func gzipBombIsCappedOnDecodedSize() async throws {
        server.route("/bomb", TestRoute(body: Array(repeating: 0x20, count: 200_000), gzip: true))
        let error = try #require(await fetchError(FetchRequest(url: server.url("/bomb"), maxBodyBytes: 100_000)))
        #expect(error.kind == .tooLarge(limit: 100_000))
    }

    // MARK: - Files and schemes

    @Test func fileURLIsRead() async throws {
        let file = try TemporaryFile(contents: "<rss>file</rss>")
        let response = try await fetcher.fetch(FetchRequest(url: "file://" + file.path))
        #expect(response.status == 200)
        #expect(response.body == Array("<rss>file</rss>".utf8))
        #expect(response.etag == nil)
    }

    @Test func plainPathIsReadAsFile() async throws {
        let file = try TemporaryFile(contents: "<feed>plain</feed>", name: "a feed #1 ü.xml")
        let response = try await fetcher.fetch(FetchRequest(url: file.path))
        #expect(response.status == 200)
        #expect(response.body == Array("<feed>plain</feed>".utf8))
        #expect(response.effectiveURL.hasPrefix("file://"))
        #expect(response.effectiveURL.contains("a%20feed%20%231%20%C3%BC.xml"))
    }

    @Test func missingFileIsNotFound() async throws {
        let path = NSTemporaryDirectory() + "quotewatch-no-such-\(UUID().uuidString).xml"
        let error = try #require(await fetchError(FetchRequest(url: path)))
        #expect(error.kind == .notFound)
        #expect(error.message == "\(path): no such file")
    }

    @Test func ftpIsRefused() async throws {
        let error = try #require(await fetchError(FetchRequest(url: "ftp://127.0.0.1:\(server.port)/feed.xml")))
        #expect(error.kind == .protocolNotAllowed)
        #expect(error.message == "ftp://127.0.0.1:\(server.port)/feed.xml: the ftp scheme is not allowed (only http, https and file)")
        #expect(server.connectionsAccepted == 0)
    }

    @Test func relativePathIsInvalid() async throws {
        let error = try #require(await fetchError(FetchRequest(url: "feeds/x.xml")))
        #expect(error.kind == .invalidURL)
    }

    // MARK: - Cancellation, shutdown, concurrency

    @Test func cancellingTheTaskAbortsPromptly() async throws {
        server.route("/hang", TestRoute(behavior: .neverAnswer))
        let fetcher = self.fetcher
        let url = server.url("/hang")
        let task = fetchTask(fetcher, FetchRequest(url: url, totalTimeout: 30))
        try await waitUntil { server.requests.contains { $0.path == "/hang" } }
        let start = ContinuousClock.now
        task.cancel()
        let error = try #require(await task.value)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error.kind == .cancelled)
        #expect(error.message == "\(url): fetch cancelled")
    }

    @Test func alreadyCancelledTaskDoesNotFetch() async throws {
        server.route("/never", .ok("x"))
        let fetcher = self.fetcher
        let url = server.url("/never")
        let task = Task { () -> FetchError? in
            withUnsafeCurrentTask { $0?.cancel() }
            do throws(FetchError) {
                _ = try await fetcher.fetch(FetchRequest(url: url))
                return nil
            } catch {
                return error
            }
        }
        let error = try #require(await task.value)
        #expect(error.kind == .cancelled)
        #expect(server.requests.isEmpty)
    }

    @Test func cancellingAQueuedFetchAbortsPromptly() async throws {
        server.route("/hang", TestRoute(behavior: .neverAnswer))
        server.route("/queued", .ok("late"))
        let fetcher = Fetcher(userAgent: "t", maxConcurrent: 1)
        defer { fetcher.shutdown() }
        let first = server.url("/hang")
        let second = server.url("/queued")
        let blocker = fetchTask(fetcher, FetchRequest(url: first, totalTimeout: 30))
        try await waitUntil { server.requests.contains { $0.path == "/hang" } }
        let queued = fetchTask(fetcher, FetchRequest(url: second))
        try await Task.sleep(for: .milliseconds(100))
        let start = ContinuousClock.now
        queued.cancel()
        let error = try #require(await queued.value)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error.kind == .cancelled)
        #expect(!server.requests.contains { $0.path == "/queued" })
        blocker.cancel()
        #expect(await blocker.value?.kind == .cancelled)
    }

    @Test func shutdownAbortsInFlightAndRefusesNewFetches() async throws {
        server.route("/hang", TestRoute(behavior: .neverAnswer))
        let fetcher = Fetcher(userAgent: "t")
        let url = server.url("/hang")
        let task = fetchTask(fetcher, FetchRequest(url: url, totalTimeout: 30))
        try await waitUntil { server.requests.contains { $0.path == "/hang" } }
        let start = ContinuousClock.now
        fetcher.shutdown()
        let error = try #require(await task.value)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error.kind == .cancelled)
        #expect(error.message == "\(url): the fetcher shut down")

        do {
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/hang")))
            Issue.record("a fetch after shutdown succeeded")
        } catch {
            #expect(error.kind == .cancelled)
            #expect(error.message.hasSuffix("the fetcher has shut down"))
        }
        fetcher.shutdown()  // idempotent
    }

    @Test func fiftyConcurrentFetchesShareTwoConnections() async throws {
        for index in 0..<50 { server.route("/f\(index)", .ok("feed \(index)")) }
        let fetcher = self.fetcher
        let server = self.server
        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<50 {
                group.addTask {
                    let response = try await fetcher.fetch(FetchRequest(url: server.url("/f\(index)")))
                    return (index, String(decoding: response.body, as: UTF8.self))
                }
            }
            var bodies: [Int: String] = [:]
            for try await (index, body) in group { bodies[index] = body }
            return bodies
        }
        #expect(bodies.count == 50)
        for index in 0..<50 { #expect(bodies[index] == "feed \(index)") }
        #expect(server.requests.count == 50)
        #expect(server.mostConnectionsOpen <= 2)
        #expect(server.connectionsAccepted <= 2)  // keep-alive: connections stay in the multi's pool
    }

    @Test func maxConcurrentBoundsTransfersAndQueuedOnesDoNotTimeOut() async throws {
        // 6 answers of 0.4 s each, 2 at a time: 1.2 s in all, past the 1 s timeout of each
        // request. They all succeed only if a request's clock starts when it leaves the queue.
        for index in 0..<6 { server.route("/d\(index)", TestRoute(body: Array("d\(index)".utf8), behavior: .delay(0.4))) }
        let fetcher = Fetcher(userAgent: "t", maxConcurrent: 2, maxPerHost: 8)
        defer { fetcher.shutdown() }
        let server = self.server
        let start = ContinuousClock.now
        let count = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<6 {
                group.addTask {
                    let response = try await fetcher.fetch(FetchRequest(url: server.url("/d\(index)"), totalTimeout: 1))
                    return response.body == Array("d\(index)".utf8)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(count == 6)
        #expect(server.mostConnectionsOpen <= 2)
        #expect(ContinuousClock.now - start >= .milliseconds(1100))
    }

    @Test func maxPerHostBoundsTransfersAndQueuedOnesDoNotTimeOut() async throws {
        // As above, but the bound is the per-host one: libcurl's own pending queue would let the
        // waiting time count against CURLOPT_TIMEOUT ("could not connect within 1 s").
        for index in 0..<6 { server.route("/h\(index)", TestRoute(body: Array("h\(index)".utf8), behavior: .delay(0.4))) }
        let fetcher = Fetcher(userAgent: "t", maxConcurrent: 16, maxPerHost: 2)
        defer { fetcher.shutdown() }
        let server = self.server
        let count = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<6 {
                group.addTask {
                    let response = try await fetcher.fetch(FetchRequest(url: server.url("/h\(index)"), totalTimeout: 1))
                    return response.body == Array("h\(index)".utf8)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(count == 6)
        #expect(server.mostConnectionsOpen <= 2)
    }

    @Test func connectionIsReusedAcrossFetches() async throws {
        server.route("/one", .ok("1"))
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/one")))
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/one")))
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/one")))
        #expect(server.requests.count == 3)
        #expect(server.connectionsAccepted == 1)
    }

    /// Polls `condition` every 10 ms for up to 20 s (a precondition of the test, not what it measures:
    /// the whole suite in parallel on two cores can hold a request back for seconds).
    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within 20 s")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
