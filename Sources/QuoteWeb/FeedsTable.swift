import Foundation
import QuoteCore
import StateStore

/// The feeds' health and the hooks' deliveries, as `status` shows them.
enum FeedsTable {
    static func html(_ status: StatusReport) -> String {
        guard !status.feeds.isEmpty else { return "<p class=\"muted\">No feeds are configured.</p>" }
        var out = "<table class=\"feeds\"><thead><tr><th>Feed</th><th>Result</th><th>Last fetch</th><th>Next</th><th>Failures</th></tr></thead><tbody>\n"
        for feed in status.feeds {
            out += "<tr><td><span class=\"outlet\">\(HTML.escape(feed.id))</span><br><span class=\"muted\">\(HTML.externalLink(feed.url, text: feed.url))</span></td>"
            out += "<td class=\"result-\(feed.result.rawValue)\">\(feed.result.rawValue)\(feed.httpStatus.map { " (HTTP \($0))" } ?? "")"
            if let error = feed.error { out += "<br><span class=\"muted\">\(HTML.escape(error))</span>" }
            out += "</td><td>\(HTML.time(feed.lastFetch))</td><td>\(HTML.time(feed.nextDue))</td><td>\(feed.consecutiveFailures)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if !status.hooks.isEmpty {
            out += "<h2>Hooks</h2><table class=\"hooks\"><thead><tr><th>Hook</th><th>Pending</th><th>Delivered</th><th>Failing since</th><th>Last error</th></tr></thead><tbody>\n"
            for (hook, state) in status.hooks {
                out += "<tr><td>\(HTML.escape(hook.id)) <span class=\"muted\">\(hook.kind.name)</span></td><td>\(state.pending)</td><td>\(state.delivered)</td>"
                out += "<td>\(state.failingSince == nil ? "" : HTML.time(state.failingSince))</td><td>\(HTML.escape(state.lastError ?? ""))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out
    }
}
