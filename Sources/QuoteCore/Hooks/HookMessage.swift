import Foundation

/// What a hook sends for an event (DESIGN §9), apart from the sending: the JSON body of a `url`
/// hook and its signature header, the environment of a `command` hook, and the email of an `email`
/// hook. Pure: the time and the host name are passed in.
public enum HookMessage {
    /// The body of a `url` hook's POST and the standard input of a `command` hook: the event as
    /// `events --json` writes it, on one line.
    public static func body(_ event: ChangeEvent) -> [UInt8] {
        var bytes: [UInt8] = []
        event.json.write(to: &bytes)
        bytes.append(0x0A)
        return bytes
    }

    /// The header lines of a `url` hook's POST; with a secret, the signature of `body`
    /// (`sha256=` and the hex HMAC-SHA256, computed by the caller).
    public static func headers(_ event: ChangeEvent, signature: String?) -> [String] {
        var lines = ["Content-Type: application/json", "X-Quotewatch-Event: \(event.id ?? 0)"]
        if let signature { lines.append("X-Quotewatch-Signature: sha256=\(signature)") }
        return lines
    }

    /// The environment a `command` hook adds to the daemon's.
    public static func environment(_ event: ChangeEvent) -> [String: String] {
        ["QW_EVENT_ID": String(event.id ?? 0), "QW_EVENT_TYPE": event.type.rawValue, "QW_STATEMENT": event.statement ?? ""]
    }

    /// `quote.edited: hegseth-borders (Pete Hegseth)`; a feed event names its feed.
    public static func subject(_ event: ChangeEvent) -> String {
        var subject = event.type.rawValue + ": " + (event.statement ?? event.feed)
        if let speaker = event.speaker { subject += " (\(speaker))" }
        return subject
    }

    /// The message's text: what happened, line by line, then the event's JSON.
    public static func text(_ event: ChangeEvent) -> String {
        var lines = [subject(event), ""]
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append(label.padding(toLength: 10, withPad: " ", startingAt: 0) + value)
        }
        add("Event", event.id.map { "#\($0)" })
        add("Time", ISO8601.string(event.time))
        add("Statement", event.statement)
        add("Feed", event.feed)
        add("Item", event.title)
        add("URL", event.url)
        add("Speaker", event.speaker)
        add("Quote", event.quote.map { "“\($0)”" })
        add("Before", event.previous.map { event.type == .attributionChanged ? $0 : "“\($0)”" })
        if event.type == .claimChanged {
            add("Values", (event.oldValues ?? []).joined(separator: ", ") + " → " + (event.newValues ?? []).joined(separator: ", "))
        }
        if event.type == .quoteEdited, event.reversed { add("Sense", "reversed") }
        add(event.type == .quoteEdited ? "Diff" : (event.type == .feedFailed ? "Error" : "Note"), event.detail)
        add("Score", event.score.map { String(format: "%.2f", $0) + (event.tier.map { " (\($0.rawValue))" } ?? "") })
        if let first = event.first, event.type == .quoteNew {
            add("First", "\(first.feed) at \(ISO8601.string(first.time))" + (first.url.map { ", \($0)" } ?? ""))
        }
        lines += ["", "As JSON:", event.json.rendered]
        return lines.joined(separator: "\n")
    }

    /// The whole email (RFC 5322, CRLF line ends, UTF-8 body in 8bit), ready for SMTP.
    public static func email(_ event: ChangeEvent, from: String, to: [String], date: Date, host: String) -> [UInt8] {
        let id = event.id.map(String.init) ?? "sample"
        let headers = [
            "From: quotewatch <\(from)>",
            "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: " + encodedWord(subject(event)),
            "Date: " + rfc5322Date(date),
            "Message-ID: <quotewatch-event-\(id).\(Int(date.timeIntervalSince1970))@\(host)>",
            "X-Quotewatch-Event: \(id)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        var lines = headers + [""]
        for line in text(event).split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapped(String(line))
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A header value as RFC 2047 wants it: as it is when printable ASCII, else UTF-8 in base64
    /// encoded words short enough for one header line each.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// `Fri, 04 Dec 2026 01:48:10 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d +0000", days[(parts.weekday ?? 1) - 1], parts.day ?? 1,
                      months[(parts.month ?? 1) - 1], parts.year ?? 1970, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// A body line cut at spaces into lines of at most 900 bytes (SMTP allows 998), and hard where
    /// a word alone is longer.
    static func wrapped(_ line: String) -> [String] {
        guard line.utf8.count > 900 else { return [line] }
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.utf8.count + 1 + word.utf8.count > 900 {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
            while current.utf8.count > 900 {
                var cut = current.startIndex
                var bytes = 0
                for index in current.indices {
                    let size = current[index].utf8.count
                    if bytes + size > 900 { break }
                    bytes += size
                    cut = current.index(after: index)
                }
                lines.append(String(current[..<cut]))
                current = String(current[cut...])
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
