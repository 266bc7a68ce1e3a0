import Foundation
import QuoteCore

/// One event as HTML: what changed, in words a person reads, every feed text escaped.
enum EventView {
    /// What the event says happened: the quote, the edit as a word diff, the numbers that moved,
    /// the speakers before and after, the reason a feed failed.
    static func change(_ event: ChangeEvent) -> String {
        var out = ""
        let speaker = event.speaker.map(HTML.escape) ?? "<span class=\"muted\">an unnamed source</span>"
        switch event.type {
        case .quoteNew:
            out += "<p>Quoted, by \(speaker)\(event.score.map { String(format: " <span class=\"muted\">(match %.2f", $0) + (event.tier.map { ", " + $0.rawValue } ?? "") + ")</span>" } ?? "")</p>"
            out += blockquote(event.quote)
        case .quoteEdited:
            out += "<p>Reworded\(event.reversed ? " — <strong>the meaning was reversed</strong>" : ""), by \(speaker)</p>"
            if let old = event.previous, let new = event.quote {
                out += "<blockquote class=\"diff\">\(HTML.diff(from: old, to: new))</blockquote>"
            } else {
                out += blockquote(event.quote)
            }
        case .claimChanged:
            let old = (event.oldValues ?? []).map { "<del>" + HTML.escape($0) + "</del>" }.joined(separator: ", ")
            let new = (event.newValues ?? []).map { "<ins>" + HTML.escape($0) + "</ins>" }.joined(separator: ", ")
            out += "<p>A number moved: <span class=\"values\">\(old.isEmpty ? "none" : old) → \(new.isEmpty ? "none" : new)</span></p>"
            out += blockquote(event.quote)
        case .attributionChanged:
            let before = event.previous.map(HTML.escape) ?? "<span class=\"muted\">an unnamed source</span>"
            out += "<p>Attributed to someone else: <del>\(before)</del> → <ins>\(speaker)</ins></p>"
            out += blockquote(event.quote)
        case .quoteRemoved:
            out += "<p>No longer quoted (the item is still in its feed)</p>"
            if let quote = event.quote ?? event.previous { out += "<blockquote><del>\(HTML.escape(quote))</del></blockquote>" }
        case .feedFailed:
            out += "<p>The feed started failing: \(HTML.escape(event.detail ?? "unknown reason"))</p>"
        case .feedRecovered:
            out += "<p>The feed works again\(event.detail.map { ": " + HTML.escape($0) } ?? "")</p>"
        }
        return out
    }

    static func blockquote(_ quote: String?) -> String {
        quote.map { "<blockquote>\(HTML.escape($0))</blockquote>" } ?? ""
    }

    /// A row of an event list: time, type, statement, outlet and item, then the change.
    static func row(_ event: ChangeEvent) -> String {
        var out = "<tr id=\"event-\(event.id ?? 0)\"><td>\(HTML.time(event.time))<br><span class=\"muted\">#\(event.id ?? 0)</span></td>"
        out += "<td>\(HTML.badge(event.type))</td><td>"
        if let statement = event.statement {
            out += "<a href=\"\(HTML.statementPath(statement))\">\(HTML.escape(statement))</a><br>"
        }
        out += "<span class=\"outlet\">\(HTML.escape(event.feed))</span>"
        if let item = event.item {
            out += " · <a href=\"\(HTML.itemPath(item))\">\(HTML.escape(event.title ?? item))</a>"
        }
        out += "</td><td>\(change(event))</td></tr>\n"
        return out
    }

    /// A table of events (newest first as given), or a line saying there are none.
    static func table(_ events: [ChangeEvent], empty: String) -> String {
        guard !events.isEmpty else { return "<p class=\"muted\">\(HTML.escape(empty))</p>" }
        return "<table class=\"events\"><thead><tr><th>When</th><th>Event</th><th>Where</th><th>What changed</th></tr></thead><tbody>\n"
            + events.map(row).joined() + "</tbody></table>"
    }
}
