import Foundation
import QuoteCore
import Testing

/// What each kind of hook sends for an event (DESIGN §9).
struct HookMessageTests {
    static let time = Date(timeIntervalSince1970: 1_796_176_090)  // 2026-12-02T01:48:10Z, a Wednesday

    static func edit(speaker: String = "Pete Hegseth") -> ChangeEvent {
        var event = ChangeEvent(
            time: time, type: .quoteEdited, statement: "hegseth-borders", feed: "nato-example", item: "g1",
            url: "https://example.org/a", title: "NATO", speaker: speaker, quote: "is unrealistic now", previous: "is unrealistic", score: 0.9)
        event.id = 7
        event.detail = "is unrealistic [+now]"
        return event
    }

    @Test(arguments: [
        (edit(), "quote.edited: hegseth-borders (Pete Hegseth)"),
        (ChangeEvent(time: time, type: .feedFailed, statement: nil, feed: "bbc-world"), "feed.failed: bbc-world"),
    ])
    func subjects(_ event: ChangeEvent, _ subject: String) {
        #expect(HookMessage.subject(event) == subject)
    }

    @Test func thePostIsTheEventsJSONLineWithItsIdAndSignature() throws {
        let event = Self.edit()
        let body = HookMessage.body(event)
        #expect(body.last == 0x0A)
        let parsed = try JSONValue.parse(Array(body.dropLast()))
        #expect(parsed == event.json)
        #expect(HookMessage.headers(event, signature: "ab12") == [
            "Content-Type: application/json", "X-Quotewatch-Event: 7", "X-Quotewatch-Signature: sha256=ab12",
        ])
        #expect(HookMessage.environment(event) == ["QW_EVENT_ID": "7", "QW_EVENT_TYPE": "quote.edited", "QW_STATEMENT": "hegseth-borders"])
    }

    @Test func theEmailIsAPlainTextMessageWithCRLFLines() throws {
        let message = String(decoding: HookMessage.email(Self.edit(speaker: "Jürgen Müller"), from: "qw@example.org", to: ["desk@example.org", "b@example.org"],
                                                         date: Self.time, host: "news1"), as: UTF8.self)
        let lines = message.components(separatedBy: "\r\n")
        #expect(lines.contains("From: quotewatch <qw@example.org>"))
        #expect(lines.contains("To: <desk@example.org>, <b@example.org>"))
        #expect(lines.contains("Date: Wed, 02 Dec 2026 01:48:10 +0000"))
        #expect(lines.contains("X-Quotewatch-Event: 7"))
        #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
        // A non-ASCII subject is encoded words, folded onto continuation lines.
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        let words = [String(lines[start].dropFirst("Subject: ".count))] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }.map { String($0.dropFirst()) }
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.utf8.count <= 75 })
        let decoded = words.map { Data(base64Encoded: String($0.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) } ?? "?" }.joined()
        #expect(decoded == "quote.edited: hegseth-borders (Jürgen Müller)")
        #expect(lines.contains("Quote     “is unrealistic now”"))
        #expect(lines.contains("Diff      is unrealistic [+now]"))
        #expect(!message.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
    }

    @Test func aLongLineIsWrappedForSMTP() {
        var event = Self.edit()
        event.quote = String(repeating: "word ", count: 400) + String(repeating: "x", count: 2000)
        let message = String(decoding: HookMessage.email(event, from: "a@b.org", to: ["c@d.org"], date: Self.time, host: "h"), as: UTF8.self)
        #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        #expect(message.replacingOccurrences(of: "\r\n", with: "").contains(String(repeating: "x", count: 900)))
    }
}
