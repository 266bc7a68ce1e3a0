import Foundation
import Hummingbird
import QuoteCore
import StateStore

/// The routes of the web server and what each answers. Every page reads the store anew; a store
/// error is a 500 that says what failed, a filter not understood a 400 that says which.
struct WebRoutes: Sendable {
    let sources: WebSources

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await self.home() }
        router.get("/style.css") { _, _ in
            WebRoutes.answer(.ok, Stylesheet.css, type: "text/css; charset=utf-8", cache: true)
        }
        router.get("/statements/**") { request, _ in
            try await self.statement(WebRoutes.remainder(of: request, after: "/statements/"))
        }
        router.get("/items/**") { request, _ in
            try await self.item(WebRoutes.remainder(of: request, after: "/items/"))
        }
        router.get("/events") { request, _ in try await self.events(request, as: .page) }
        router.get("/events.atom") { request, _ in try await self.events(request, as: .atom) }
        router.get("/api/events") { request, _ in try await self.events(request, as: .json) }
        router.get("/api/status") { _, _ in try await self.status() }
        router.get("/metrics") { _, _ in
            WebRoutes.answer(.ok, await self.sources.metrics(), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/healthz") { _, _ in
            if let problem = await self.sources.health() {
                return WebRoutes.answer(.serviceUnavailable, "unhealthy: \(problem)\n", type: "text/plain; charset=utf-8")
            }
            return WebRoutes.answer(.ok, "ok\n", type: "text/plain; charset=utf-8")
        }
    }

    enum EventsForm { case page, atom, json }

    static func answer(_ status: HTTPResponse.Status, _ text: String, type: String, cache: Bool = false) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        if cache { headers[.cacheControl] = "max-age=3600" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        answer(status, html, type: "text/html; charset=utf-8")
    }

    static func problem(_ status: HTTPResponse.Status, _ title: String, _ message: String) -> Response {
        page(PageLayout.page(title: title, body: "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(message))</p>"), status: status)
    }

    /// The percent-decoded rest of the path after `prefix` (a guid may hold `/`, sent as `%2F`).
    static func remainder(of request: Request, after prefix: String) -> String? {
        let path = request.uri.path
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count)).removingPercentEncoding
    }

    /// The query's parameters, decoded (`+` as a space, as forms send it).
    static func parameters(of request: Request) -> [(String, String)] {
        guard let query = request.uri.query, !query.isEmpty else { return [] }
        var parts = URLComponents()
        parts.percentEncodedQuery = query.replacingOccurrences(of: "+", with: "%20")
        return (parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    /// Runs a store read; its error becomes a 500 answer.
    func reading(_ body: () async throws(StoreError) -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            return WebRoutes.problem(.internalServerError, "The store could not be read", error.description)
        }
    }

    func home() async throws -> Response {
        let config = sources.config()
        return await reading { () throws(StoreError) -> Response in
            let page = HomePage(
                statements: config.statements, summaries: try await sources.store.statementSummaries(),
                status: try await StatusReport.read(config, from: sources.store),
                recent: try await sources.store.events(EventQuery(limit: 20, newestFirst: true)))
            return WebRoutes.page(page.html)
        }
    }

    func statement(_ id: String?) async throws -> Response {
        let config = sources.config()
        guard let id, let statement = config.statements.first(where: { $0.id == id }) else {
            return WebRoutes.problem(.notFound, "No such statement", "No statement \"\(id ?? "")\" is configured; the statements are listed on the first page.")
        }
        return await reading { () throws(StoreError) -> Response in
            let timeline = StatementTimeline(statementID: id, events: try await sources.store.events(EventQuery(statement: id)))
            var versions: [String: [ItemVersion]] = [:]
            for thread in timeline.threads.prefix(500) where versions[StatementPage.key(feed: thread.feed, item: thread.item)] == nil {
                for history in try await sources.store.history(of: thread.item) {
                    versions[StatementPage.key(feed: history.feedID, item: history.identity)] = history.versions
                }
            }
            return WebRoutes.page(StatementPage(statement: statement, timeline: timeline, versions: versions).html)
        }
    }

    func item(_ item: String?) async throws -> Response {
        guard let item, !item.isEmpty else {
            return WebRoutes.problem(.notFound, "No such item", "An item is named by its guid or link, URL-encoded: /items/ID.")
        }
        return await reading { () throws(StoreError) -> Response in
            let histories = try await sources.store.history(of: item)
            guard !histories.isEmpty else {
                return WebRoutes.problem(.notFound, "No such item", "No stored item has the guid or link \"\(item)\".")
            }
            var events: [ChangeEvent] = []
            for identity in Set(histories.map(\.identity)) {
                events += try await sources.store.events(EventQuery(item: identity))
            }
            events.sort { ($0.id ?? 0) < ($1.id ?? 0) }
            return WebRoutes.page(ItemPage(item: item, histories: histories, events: events).html)
        }
    }

    func events(_ request: Request, as form: EventsForm) async throws -> Response {
        let config = sources.config()
        let filter: EventFilter
        switch EventFilter.parse(WebRoutes.parameters(of: request), statements: Set(config.statements.map(\.id))) {
        case .success(let parsed): filter = parsed
        case .failure(let error):
            if form == .page { return WebRoutes.problem(.badRequest, "Filter not understood", error.message) }
            return WebRoutes.answer(.badRequest, error.message + "\n", type: "text/plain; charset=utf-8")
        }
        return await reading { () throws(StoreError) -> Response in
            switch form {
            case .page:
                var query = filter.query
                query.limit = filter.limit
                query.newestFirst = true
                let events = try await sources.store.events(query)
                return WebRoutes.page(EventsPage(filter: filter, statements: config.statements.map(\.id), events: events).html)
            case .atom:
                let events = try await sources.store.events(filter.query)
                var title = "quotewatch: changes"
                if let statement = filter.query.statement { title += " to \(statement)" }
                return WebRoutes.answer(.ok, EventFeed.atom(events, title: title, now: sources.now()), type: "application/atom+xml; charset=utf-8")
            case .json:
                let events = try await sources.store.events(filter.query)
                // The lines of `events --json` to a client that asks for JSON lines, else one array.
                let accept = request.headers[.accept] ?? ""
                if accept.contains("application/x-ndjson") || accept.contains("application/jsonl") {
                    return WebRoutes.answer(.ok, events.map { $0.json.rendered + "\n" }.joined(), type: "application/x-ndjson")
                }
                return WebRoutes.answer(.ok, JSONValue.array(events.map(\.json)).rendered + "\n", type: "application/json")
            }
        }
    }

    func status() async throws -> Response {
        let config = sources.config()
        return await reading { () throws(StoreError) -> Response in
            WebRoutes.answer(.ok, try await StatusReport.read(config, from: sources.store).json.rendered + "\n", type: "application/json")
        }
    }
}
