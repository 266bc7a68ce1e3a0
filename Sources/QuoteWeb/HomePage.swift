import QuoteCore
import StateStore

/// `/`: the tracked statements with their latest events, the feeds' health and the latest events.
struct HomePage {
    var statements: [Statement]
    var summaries: [String: StatementSummary]
    var status: StatusReport
    var recent: [ChangeEvent]

    var html: String {
        var body = "<h1>Tracked statements</h1>\n"
        if statements.isEmpty {
            body += "<p class=\"muted\">No statements are configured.</p>"
        } else {
            body += "<table class=\"statements\"><thead><tr><th>Statement</th><th>Speaker</th><th>Items</th><th>Latest event</th></tr></thead><tbody>\n"
            for statement in statements {
                let summary = summaries[statement.id]
                body += "<tr><td><a href=\"\(HTML.statementPath(statement.id))\">\(HTML.escape(statement.id))</a>"
                body += "<br><q>\(HTML.escape(statement.text))</q></td>"
                body += "<td>\(HTML.escape(statement.speaker ?? "anyone"))</td><td>\(summary?.items ?? 0)</td><td>"
                if let latest = summary?.latest {
                    body += "\(HTML.badge(latest.type)) \(HTML.time(latest.time))<br><span class=\"outlet\">\(HTML.escape(latest.feed))</span>"
                    if let item = latest.item { body += " · <a href=\"\(HTML.itemPath(item))\">\(HTML.escape(latest.title ?? item))</a>" }
                } else {
                    body += "<span class=\"muted\">not quoted yet</span>"
                }
                body += "</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        body += "<h2>Feeds</h2>\n"
        body += FeedsTable.html(status)
        body += "<h2>Latest events</h2>\n"
        body += EventView.table(recent, empty: "No events yet.")
        if !recent.isEmpty { body += "<p><a href=\"/events\">All events</a></p>" }
        return PageLayout.page(title: "Statements", body: body)
    }
}
