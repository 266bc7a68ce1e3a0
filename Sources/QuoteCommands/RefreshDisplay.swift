import QuoteCore
/// What `quotewatch refresh --wait` shows of the daemon's progress lines: on a terminal, one line
/// per feed redrawn in place (ANSI cursor movements) as each feed's state changes; elsewhere, one
/// plain line per change. Each method returns the text to write, line breaks included.
public struct RefreshDisplay: Sendable {
    public enum Style: Sendable, Equatable {
        /// One line per feed, updated in place, for a terminal of this size: lines are cut to fit
        /// `columns`, and a request with as many feeds as the terminal has `rows` is shown as `.lines`.
        case live(columns: Int, rows: Int)
        /// One line per change, for pipes and files.
        case lines
    }

    public let style: Style
    /// The feeds of the request, in the daemon's order.
    public let feeds: [String]
    private var states: [String: String]
    private var drawn = 0

    public init(feeds: [String], style: Style) {
        self.feeds = feeds
        if case .live(_, let rows) = style, feeds.count >= rows {
            self.style = .lines
        } else {
            self.style = style
        }
        states = Dictionary(feeds.map { ($0, "queued") }) { first, _ in first }
    }

    /// The first frame: every feed queued (live), or nothing (lines).
    public mutating func begin() -> String {
        guard case .live = style else { return "" }
        return redraw()
    }

    /// A progress line of the daemon: `{"feed": ID, "state": "fetching"}` or `{"feed": ID, "state":
    /// "done", "result": ..., "items": N, "events": N, "error": ...}`.
    public mutating func update(_ line: ControlAnswer) -> String {
        guard let feed = line.feed else { return "" }
        let text = RefreshDisplay.describe(line)
        switch style {
        case .lines:
            return "\(feed): \(text)\n"
        case .live:
            states[feed] = text
            return redraw()
        }
    }

    /// The daemon's final line, `{"done": true, "feeds": N, "results": {...}, "items": N, "events": N}`.
    public mutating func finish(_ line: ControlAnswer) -> String {
        let results = line.results ?? [:]
        func count(_ key: String) -> Int { results[key] ?? 0 }
        var parts = ["\(count("ok")) ok", "\(count("not-modified")) not modified", "\(count("failed")) failed"]
        if count("cancelled") > 0 { parts.append("\(count("cancelled")) cancelled") }
        if count("skipped") > 0 { parts.append("\(count("skipped")) skipped") }
        let feeds = line.feeds ?? self.feeds.count
        return "done: \(Plural.of(feeds, "feed")) (\(parts.joined(separator: ", "))), "
            + "\(Plural.of(line.items ?? 0, "item")) read, \(Plural.of(line.events ?? 0, "event"))\n"
    }

    /// A feed's state in words: "fetching", "ok, 3 items read, 2 events", "failed: HTTP 500 ...".
    static func describe(_ line: ControlAnswer) -> String {
        guard line.state == "done" else { return line.state ?? "?" }
        let result = line.result ?? "?"
        if let error = line.error, !error.isEmpty { return "\(result): \(error)" }
        let items = line.items ?? 0
        let events = line.events ?? 0
        return "\(result == "not-modified" ? "not modified" : result), \(Plural.of(items, "item")) read, \(Plural.of(events, "event"))"
    }

    /// Moves the cursor up over the lines drawn before and draws every feed's line again.
    private mutating func redraw() -> String {
        guard case .live(let columns, _) = style else { return "" }
        let width = feeds.map(\.count).max() ?? 0
        var out = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
        for feed in feeds {
            let text = states[feed] ?? "queued"
            let mark = text.hasPrefix("fetching") ? "…" : (text == "queued" ? " " : (text.hasPrefix("failed") ? "✗" : "✓"))
            var line = "\(mark) \(feed)\(String(repeating: " ", count: width - feed.count))  \(text)"
            if columns > 1, line.count > columns - 1 { line = String(line.prefix(columns - 2)) + "…" }
            out += "\r\u{1B}[2K" + line + "\n"
        }
        drawn = feeds.count
        return out
    }
}
