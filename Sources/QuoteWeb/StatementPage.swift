import Foundation
import QuoteCore
import StateStore

/// `/statements/ID`: the timeline of one statement. Every item and outlet that quoted it, the first
/// appearance, then each item's story: each edit as a word diff, numbers that moved, attribution
/// moves and removals, each linked to the item's page, to the stored version it was seen in, and
/// to the article.
struct StatementPage {
    var statement: Statement
    var timeline: StatementTimeline
    /// The stored versions of each thread's item, by feed and item identity.
    var versions: [String: [ItemVersion]]

    static func key(feed: String, item: String) -> String { feed + "\u{1}" + item }

    var html: String {
        var body = "<h1>\(HTML.escape(statement.id))</h1>\n"
        body += "<blockquote class=\"statement\">\(HTML.escape(statement.text))</blockquote>\n"
        var who = "Tracked as said by <strong>\(HTML.escape(statement.speaker ?? "anyone"))</strong>"
        if !statement.aliases.isEmpty { who += " (also \(statement.aliases.map(HTML.escape).joined(separator: ", ")))" }
        body += "<p>\(who); matched from \(String(format: "%.2f", statement.threshold)). <a href=\"/events?statement=\(HTML.segment(statement.id))\">Its events</a> · "
        body += "<a href=\"/events.atom?statement=\(HTML.segment(statement.id))\">Atom</a></p>\n"
        let outlets = timeline.outlets
        guard !timeline.threads.isEmpty else {
            return PageLayout.page(title: statement.id, body: body + "<p class=\"muted\">No feed has quoted this statement yet.</p>")
        }
        body += "<p>Quoted in <strong>\(Plural.of(timeline.threads.count, "item"))</strong> by <strong>\(Plural.of(outlets.count, "outlet"))</strong>: "
        body += outlets.map { "<span class=\"outlet\">\(HTML.escape($0))</span>" }.joined(separator: ", ") + ".</p>\n"
        if let first = timeline.first {
            body += "<p>First appearance: <span class=\"outlet\">\(HTML.escape(first.feed))</span>, \(HTML.time(first.time)), "
            let title = timeline.threads.first { $0.feed == first.feed && $0.item == first.item }?.title
            body += "<a href=\"\(HTML.itemPath(first.item))\">\(HTML.escape(title ?? first.item))</a>"
            body += "</p>\n<blockquote>\(HTML.escape(first.quote))</blockquote>\n"
        }
        body += "<h2>Timeline</h2>\n<ol class=\"timeline\">\n"
        for thread in timeline.threads {
            body += render(thread)
        }
        body += "</ol>\n"
        return PageLayout.page(title: statement.id, body: body)
    }

    func render(_ thread: StatementTimeline.Thread) -> String {
        let isFirst = timeline.first.map { $0.feed == thread.feed && $0.item == thread.item } ?? false
        var out = "<li class=\"thread\"><div><span class=\"outlet\">\(HTML.escape(thread.feed))</span>"
        if isFirst { out += "<span class=\"first\">FIRST</span>" }
        out += " · <a href=\"\(HTML.itemPath(thread.item))\">\(HTML.escape(thread.title ?? thread.item))</a>"
        if let url = thread.url { out += " · " + HTML.externalLink(url, text: "article") }
        out += "</div>\n"
        if let quote = thread.currentQuote {
            out += "<p class=\"muted\">Now: “\(HTML.escape(quote))” — \(HTML.escape(thread.currentSpeaker ?? "an unnamed source"))</p>\n"
        } else {
            out += "<p class=\"muted\">No longer quoted.</p>\n"
        }
        out += "<ol class=\"events\">\n"
        let stored = versions[StatementPage.key(feed: thread.feed, item: thread.item)] ?? []
        for event in thread.events {
            out += "<li id=\"event-\(event.id ?? 0)\">\(HTML.time(event.time)) \(HTML.badge(event.type))"
            if let version = StatementPage.version(at: event.time, in: stored), let id = version.id {
                out += " · <a href=\"\(HTML.itemPath(thread.item))#v\(id)\">stored version</a>"
            }
            out += "\n" + EventView.change(event) + "</li>\n"
        }
        out += "</ol></li>\n"
        return out
    }

    /// The version an event was seen in: the last stored at or before the event (a statement added
    /// later is matched against the latest version then).
    static func version(at time: Date, in versions: [ItemVersion]) -> ItemVersion? {
        versions.last { $0.time <= time.addingTimeInterval(1) } ?? versions.last
    }
}
