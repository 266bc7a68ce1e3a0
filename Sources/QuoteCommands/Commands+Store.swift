import Foundation
import QuoteDaemon
import QuoteCore
import StateStore

extension Commands {
    static func openForReading(_ config: Config) async throws(DaemonError) -> any Store {
        try await StoreOpening.openForReading(config)
    }

    /// `quotewatch events`: events in id order, filtered; with `follow`, keeps printing new ones
    /// (polling the store) until the task is cancelled.
    public static func events(
        config: Config, query: EventQuery, json: Bool, follow: Bool, output: @escaping @Sendable (String) -> Void
    ) async throws(DaemonError) {
        let store = try await openForReading(config)
        var query = query
        while true {
            let events: [ChangeEvent]
            do {
                events = try await store.events(query)
            } catch {
                throw DaemonError(error.description, exitCode: 2)
            }
            for event in events {
                output(json ? event.json.rendered : humanLine(event))
            }
            if let last = events.last?.id { query.afterID = last }
            guard follow, !Task.isCancelled else { return }
            try? await Task.sleep(for: .seconds(1))
            if Task.isCancelled { return }
        }
    }

    static func humanLine(_ event: ChangeEvent) -> String {
        var parts = ["#\(event.id ?? 0)", JSONValue.iso8601(event.time), event.type.rawValue]
        if let statement = event.statement { parts.append(statement) }
        parts.append("feed=\(event.feed)")
        if let speaker = event.speaker { parts.append("speaker=\"\(speaker)\"") }
        if let score = event.score { parts.append(String(format: "score=%.2f", score)) }
        if let quote = event.quote { parts.append("quote=“\(quote)”") }
        if let previous = event.previous { parts.append("previous=“\(previous)”") }
        if let detail = event.detail { parts.append("(\(detail))") }
        if let url = event.url { parts.append(url) }
        return parts.joined(separator: " ")
    }

    /// `quotewatch events --atom`: the events the query selects as one Atom 1.0 feed, newest first.
    public static func eventsAtom(config: Config, query: EventQuery, output: (String) -> Void) async throws(DaemonError) {
        let store = try await openForReading(config)
        let events: [ChangeEvent]
        do {
            events = try await store.events(query)
        } catch {
            throw DaemonError(error.description, exitCode: 2)
        }
        var title = "quotewatch: changes"
        if let statement = query.statement { title += " to \(statement)" }
        output(EventFeed.atom(events, title: title, now: Date()))
    }

    /// `quotewatch quotes`: stored quotes, by speaker or statement.
    public static func quotes(config: Config, speaker: String?, statement: String?, json: Bool, output: (String) -> Void) async throws(DaemonError) {
        let store = try await openForReading(config)
        let quotes: [StoredQuote]
        do {
            quotes = try await store.quotes(speaker: speaker, statement: statement)
        } catch {
            throw DaemonError(error.description, exitCode: 2)
        }
        for stored in quotes {
            if json {
                output(ContractJSON.storedQuote(stored).rendered)
            } else {
                var line = "\(stored.quote.speaker ?? stored.quote.source ?? "(unattributed)"): “\(stored.quote.text)” [\(stored.feedID)] \(stored.link ?? stored.item)"
                if let seen = stored.firstSeen { line += " first seen \(JSONValue.iso8601(seen))" }
                if !stored.statements.isEmpty { line += " (statement \(stored.statements.joined(separator: ", ")))" }
                output(line)
            }
        }
    }

    /// `quotewatch history ITEM`: every stored version of the items whose guid or link is `item`.
    public static func history(config: Config, item: String, json: Bool, output: (String) -> Void) async throws(DaemonError) {
        let store = try await openForReading(config)
        let found: [ItemHistory]
        do {
            found = try await store.history(of: item)
        } catch {
            throw DaemonError(error.description, exitCode: 2)
        }
        guard !found.isEmpty else { throw DaemonError("no stored item has the guid or link \"\(item)\"") }
        for history in found {
            if !json {
                output("\(history.feedID) \(history.identity)\(history.link.map { $0 == history.identity ? "" : " " + $0 } ?? ""): "
                    + "\(history.versions.count) version\(history.versions.count == 1 ? "" : "s")\(history.title.map { " — " + $0 } ?? "")")
            }
            for (index, version) in history.versions.enumerated() {
                if json {
                    output(ContractJSON.version(version, number: index + 1, of: history).rendered)
                    continue
                }
                var line = "  #\(index + 1) \(JSONValue.iso8601(version.time)) \(version.source.rawValue)"
                if let url = version.url { line += " \(url)" }
                if let etag = version.etag { line += " etag=\(etag)" }
                if let modified = version.lastModified { line += " last-modified=\"\(modified)\"" }
                line += " body=\(version.bodyHash) text=\(version.textHash)"
                if !version.complete { line += " (cut by a limit)" }
                output(line)
                let speech = version.quotes.filter { $0.kind == .speech }
                if speech.isEmpty { output("     no quotes") }
                for quote in speech {
                    output("     “\(quote.text)” — \(quote.speaker ?? quote.source ?? "unattributed")")
                }
            }
        }
    }

    /// `quotewatch status`: each configured feed's stored state (pending when never fetched).
    /// With `socketPath`, the text starts with whether a daemon answers there.
    public static func status(config: Config, json: Bool, socketPath: String? = nil, output: (String) -> Void) async throws(DaemonError) {
        var report = StatusReport(config: config, states: [], hookStates: [])
        if config.isSharedStore || FileManager.default.fileExists(atPath: config.databasePath) {
            let store = try await openForReading(config)
            do {
                report = try await StatusReport.read(config, from: store)
            } catch {
                throw DaemonError(error.description, exitCode: 2)
            }
        }
        if json {
            output(report.json.rendered)
            return
        }
        if let socketPath {
            let running = (try? UnixSocket.connect(to: socketPath)) != nil
            output(running ? "daemon: running (\(socketPath))" : "daemon: not running (nothing listens on \(socketPath))")
        }
        for state in report.feeds {
            var line = "\(state.id)\t\(state.result.rawValue)"
            if let status = state.httpStatus { line += "\tHTTP \(status)" }
            if let last = state.lastFetch { line += "\tlast \(JSONValue.iso8601(last))" }
            if let next = state.nextDue { line += "\tnext \(JSONValue.iso8601(next))" }
            if state.consecutiveFailures > 0 { line += "\t\(Plural.of(state.consecutiveFailures, "failure"))" }
            if let error = state.error { line += "\t\(error)" }
            output(line)
        }
        for (hook, state) in report.hooks {
            var line = "hook \(hook.id)\t\(hook.kind.name)\t\(state.pending) pending\t\(state.delivered) delivered"
            if let since = state.failingSince { line += "\tfailing since \(JSONValue.iso8601(since))" }
            if let next = state.nextTry, state.failingSince != nil { line += "\tnext try \(JSONValue.iso8601(next))" }
            if let error = state.lastError { line += "\t\(error)" }
            output(line)
        }
    }
}
