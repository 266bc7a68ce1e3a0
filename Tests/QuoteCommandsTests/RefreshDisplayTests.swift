import QuoteCommands
import Testing

/// What `refresh --wait` prints of the daemon's progress lines, on a pipe and on a terminal.
@Suite struct RefreshDisplayTests {
    static let fetching = ControlAnswer(feed: "bbc", state: "fetching")
    static let ok = ControlAnswer(feed: "bbc", state: "done", result: "ok", items: 3, events: 1)
    static let failed = ControlAnswer(error: "HTTP 500", feed: "nato", state: "done", result: "failed", items: 0, events: 0)
    static let done = ControlAnswer(done: true, feeds: 2, results: ["ok": 1, "not-modified": 0, "failed": 1, "cancelled": 0, "skipped": 0])

    @Test func plainLinesOnAPipe() {
        var display = RefreshDisplay(feeds: ["bbc", "nato"], style: .lines)
        var out = display.begin()
        for answer in [Self.fetching, Self.ok, Self.failed] { out += display.update(answer) }
        out += display.finish(Self.done)
        #expect(out == """
            bbc: fetching
            bbc: ok, 3 items read, 1 event
            nato: failed: HTTP 500
            done: 2 feeds (1 ok, 0 not modified, 1 failed), 0 items read, 0 events

            """)
    }

    @Test func liveLinesAreRedrawnInPlace() {
        var display = RefreshDisplay(feeds: ["bbc", "nato"], style: .live(columns: 80, rows: 24))
        let first = display.begin()
        #expect(first == "\r\u{1B}[2K  bbc   queued\n\r\u{1B}[2K  nato  queued\n")
        let second = display.update(Self.fetching)
        #expect(second == "\u{1B}[2A\r\u{1B}[2K… bbc   fetching\n\r\u{1B}[2K  nato  queued\n")
        let third = display.update(Self.failed)
        #expect(third.hasSuffix("\r\u{1B}[2K✗ nato  failed: HTTP 500\n"))
    }

    @Test func liveLinesAreCutToTheTerminalAndTooManyFeedsArePlain() {
        var narrow = RefreshDisplay(feeds: ["bbc"], style: .live(columns: 20, rows: 24))
        _ = narrow.begin()
        let line = narrow.update(ControlAnswer(error: String(repeating: "x", count: 100), feed: "bbc", state: "done", result: "failed"))
        #expect(line == "\u{1B}[1A\r\u{1B}[2K✗ bbc  failed: xxx…\n", "19 characters: the width less one")
        let many = RefreshDisplay(feeds: (1...30).map { "feed\($0)" }, style: .live(columns: 80, rows: 24))
        #expect(many.style == .lines)
    }
}
