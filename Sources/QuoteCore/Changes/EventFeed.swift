import Foundation

/// The change events as an Atom 1.0 feed (RFC 4287), newest first, for any feed reader:
/// `quotewatch events --atom` and the web's `/events.atom`. Each entry is one event: its title the
/// hook email's subject, its link the item's page, its content (HTML) what changed, with an edit's
/// words struck through and inserted (`<del>`, `<ins>`). Every text from a feed is escaped, and
/// characters XML cannot hold are dropped: feeds are hostile input.
public enum EventFeed {
    /// The Atom document for `events` (any order; written newest first). `updated` is the newest
    /// event's time, or `now` without events.
    public static func atom(_ events: [ChangeEvent], title: String, selfURL: String? = nil, now: Date) -> String {
        let newest = events.sorted { ($0.id ?? 0, $0.time) > ($1.id ?? 0, $1.time) }
        var out = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n"
        out += #"<feed xmlns="http://www.w3.org/2005/Atom">"# + "\n"
        out += "  <id>urn:quotewatch:events</id>\n"
        out += "  <title>\(escape(title))</title>\n"
        out += "  <updated>\(ISO8601.string(newest.first?.time ?? now))</updated>\n"
        out += "  <author><name>quotewatch</name></author>\n"
        out += "  <generator>quotewatch</generator>\n"
        if let selfURL { out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(escape(selfURL))\"/>\n" }
        for event in newest {
            out += entry(event)
        }
        out += "</feed>\n"
        return out
    }

    static func entry(_ event: ChangeEvent) -> String {
        let time = ISO8601.string(event.time)
        var out = "  <entry>\n"
        out += "    <id>urn:quotewatch:event:\(event.id ?? 0)</id>\n"
        out += "    <title>\(escape(HookMessage.subject(event)))</title>\n"
        out += "    <updated>\(time)</updated>\n"
        out += "    <published>\(time)</published>\n"
        if let url = event.url { out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(url))\"/>\n" }
        out += "    <category term=\"\(escape(event.type.rawValue))\"/>\n"
        out += "    <content type=\"html\">\(escape(html(event)))</content>\n"
        out += "  </entry>\n"
        return out
    }

    /// The entry's content as HTML (escaped once more by the caller, as `type="html"` wants).
    public static func html(_ event: ChangeEvent) -> String {
        var parts: [String] = []
        func row(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            parts.append("<p><b>\(escape(label))</b> \(value)</p>")
        }
        switch event.type {
        case .quoteEdited:
            row("Edited:", "“" + WordDiff.html(from: event.previous ?? "", to: event.quote ?? "") + "”")
            if event.reversed { row("Sense:", "reversed") }
        case .claimChanged:
            row("Quote:", event.quote.map { "“" + escape($0) + "”" })
            let old = (event.oldValues ?? []).map(escape).joined(separator: ", ")
            let new = (event.newValues ?? []).map(escape).joined(separator: ", ")
            row("Values:", "<del>" + old + "</del> → <ins>" + new + "</ins>")
        case .attributionChanged:
            row("Quote:", event.quote.map { "“" + escape($0) + "”" })
            row("Speaker:", "<del>" + escape(event.previous ?? "unnamed") + "</del> → <ins>" + escape(event.speaker ?? "unnamed") + "</ins>")
        case .feedFailed:
            row("Error:", event.detail.map(escape))
        default:
            row("Quote:", event.quote.map { "“" + escape($0) + "”" })
            row("Note:", event.detail.map(escape))
        }
        if event.type != .attributionChanged { row("Speaker:", event.speaker.map(escape)) }
        row("Statement:", event.statement.map(escape))
        row("Feed:", escape(event.feed))
        row("Item:", event.title.map(escape))
        if let url = event.url { row("Page:", "<a href=\"\(escape(url))\">\(escape(url))</a>") }
        return parts.joined(separator: "\n")
    }

    /// `text` for XML character data and attribute values: & < > " ' escaped, and characters
    /// XML 1.0 cannot hold (controls other than tab and line ends, U+FFFE, U+FFFF) dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
