import Foundation
import QuoteCore
import StateStore

/// `/items/ID`: the stored versions of one item (in every feed that has it) with their quotes, and
/// the item's events.
struct ItemPage {
    var item: String
    var histories: [ItemHistory]
    var events: [ChangeEvent]

    var html: String {
        let title = histories.first?.title ?? item
        var body = "<h1>\(HTML.escape(title))</h1>\n<p class=\"muted\">Item \(HTML.escape(item))"
        if let link = histories.first?.link { body += " · " + HTML.externalLink(link, text: "article") }
        body += "</p>\n"
        body += "<h2>Events</h2>\n" + EventView.table(events.reversed(), empty: "No events for this item.")
        for history in histories {
            body += "<h2>Versions in <span class=\"outlet\">\(HTML.escape(history.feedID))</span></h2>\n"
            if history.versions.isEmpty { body += "<p class=\"muted\">No version stored (its quotes never changed).</p>" }
            for (index, version) in history.versions.enumerated().reversed() {
                body += "<section class=\"version\" id=\"v\(version.id ?? 0)\"><h3>Version \(index + 1) · \(HTML.time(version.time)) · \(version.source.rawValue)</h3>\n"
                var facts: [String] = []
                if let url = version.url { facts.append(HTML.externalLink(url, text: url)) }
                if let etag = version.etag { facts.append("ETag \(HTML.escape(etag))") }
                if let modified = version.lastModified { facts.append("Last-Modified \(HTML.escape(modified))") }
                facts.append("body \(HTML.escape(String(version.bodyHash.prefix(12)))) · text \(HTML.escape(String(version.textHash.prefix(12))))")
                if !version.complete { facts.append("<strong>cut by a limit</strong>") }
                body += "<p class=\"muted\">\(facts.joined(separator: " · "))</p>\n"
                let speech = version.quotes.filter { $0.kind == .speech }
                if speech.isEmpty {
                    body += "<p class=\"muted\">No quotes.</p>\n"
                } else {
                    body += "<table class=\"quotes\"><thead><tr><th>Quote</th><th>Speaker</th></tr></thead><tbody>\n"
                    for quote in speech {
                        body += "<tr><td>“\(HTML.escape(quote.text))”</td><td>\(HTML.escape(quote.speaker ?? quote.source ?? "unattributed"))</td></tr>\n"
                    }
                    body += "</tbody></table>\n"
                }
                body += "<details><summary>Text</summary><pre class=\"text\">\(HTML.escape(version.text))</pre></details></section>\n"
            }
        }
        return PageLayout.page(title: title, body: body)
    }
}
