import FeedFetching
import Foundation
import TestSupport
import Testing

/// A hook's HTTP POST through the fetcher, against a real server on 127.0.0.1.
@Suite final class UploadTests {
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

    func post(_ path: String, _ body: String, headers: [String] = []) -> FetchRequest {
        FetchRequest(url: server.url(path), totalTimeout: 10, upload: .post(body: Array(body.utf8), headers: headers))
    }

    @Test func thePostCarriesItsBodyAndHeaders() async throws {
        server.route("/hook", TestRoute(status: 204))
        let body = String(repeating: "{\"quote\": \"é\"} ", count: 2000)
        let response = try await fetcher.fetch(post("/hook", body, headers: ["Content-Type: application/json", "X-Quotewatch-Event: 7", "Bad: a\r\nInjected: b"]))
        #expect(response.status == 204)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.body == Array(body.utf8))
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["x-quotewatch-event"] == "7")
        #expect(request.headers["injected"] == nil, "a header line with a line break is not sent")
        #expect(request.headers["expect"] == nil)
    }

    @Test func anErrorStatusIsNotDeliveredAndARedirectIsNotFollowed() async throws {
        server.route("/down", TestRoute(status: 503, headers: [("Retry-After", "120")]))
        server.route("/moved", TestRoute(status: 302, headers: [("Location", server.url("/hook"))]))
        server.route("/hook", TestRoute(status: 200))
        do {
            _ = try await fetcher.fetch(post("/down", "{}"))
            Issue.record("a 503 was taken for a delivery")
        } catch {
            #expect(error.kind == .http(status: 503))
            #expect(error.retryAfter == 120)
        }
        do {
            _ = try await fetcher.fetch(post("/moved", "{}"))
            Issue.record("a 302 was taken for a delivery")
        } catch {
            #expect(error.kind == .http(status: 302))
        }
        #expect(!server.requests.contains { $0.path == "/hook" })
    }
}
