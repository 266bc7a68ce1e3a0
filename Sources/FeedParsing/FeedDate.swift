import Foundation
import QuoteCore

/// Feed dates to absolute instants, independent of the system locale and time zone.
///
/// Reads RFC 822/1123 and their wild variants (no weekday, two-digit years, named zones such as
/// EST/PDT/GMT/UT/Z, numeric zones with or without a colon, no seconds, asctime order), and ISO 8601 /
/// RFC 3339 / W3C-DTF (date only, no seconds, fractional seconds, `Z` or an offset, compact forms).
/// Parsing is by hand over ASCII tokens with English month names: no `DateFormatter`, no locale.
/// A date without a zone is taken as UTC. Anything unreadable is nil, never an error.
public enum FeedDate {
    /// Parses a feed date; nil when it cannot be read.
    public static func parse(_ string: String) -> Date? {
        let text = TextTrimming.trim(string)
        guard !text.isEmpty, text.utf8.count < 200 else { return nil }
        let bytes = Array(text.utf8)
        if bytes.count >= 4, bytes[0..<4].allSatisfy(isDigit) {
            if let date = parseISO8601(bytes) { return date }
        }
        return parseRFC822(text)
    }

    /// The date an element's text gives; nil without an element.
    static func parse(_ node: XMLNode?) -> Date? {
        node.flatMap { parse($0.text) }
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, UTC)

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func makeDate(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        fraction: Double = 0, offsetSeconds: Int = 0
    ) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= daysInMonth(year: year, month: month), (0...24).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), abs(offsetSeconds) <= 18 * 3600
        else { return nil }
        if hour == 24, minute != 0 || second != 0 { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    // MARK: - ISO 8601 / RFC 3339 / W3C-DTF

    private static func parseISO8601(_ b: [UInt8]) -> Date? {
        var cursor = DateCursor(b)
        guard let year = cursor.digits(4) else { return nil }
        var month = 1
        var day = 1
        if cursor.take(UInt8(ascii: "-")) {
            guard let m = cursor.digits(2) else { return nil }
            month = m
            if cursor.take(UInt8(ascii: "-")) {
                guard let d = cursor.digits(2) else { return nil }
                day = d
            }
        } else if let m = cursor.digits(2) {
            month = m
            guard let d = cursor.digits(2) else { return nil }
            day = d
        }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset = 0
        if let next = cursor.next, next == UInt8(ascii: "T") || next == UInt8(ascii: "t") || next == UInt8(ascii: " ") {
            cursor.index += 1
            cursor.skip(UInt8(ascii: " "))
            guard let h = cursor.digits(2) else { return nil }
            hour = h
            let colon = cursor.take(UInt8(ascii: ":"))
            if let m = cursor.digits(2) {
                minute = m
                if colon ? cursor.take(UInt8(ascii: ":")) : true, let s = cursor.digits(2) {
                    second = s
                }
                if let next = cursor.next, next == UInt8(ascii: ".") || next == UInt8(ascii: ",") {
                    cursor.index += 1
                    var digits = ""
                    while cursor.index < b.count, isDigit(b[cursor.index]) {
                        if digits.count < 9 { digits.append(Character(Unicode.Scalar(b[cursor.index]))) }
                        cursor.index += 1
                    }
                    fraction = Double("0." + digits) ?? 0
                }
            } else if colon {
                return nil
            }
        }
        cursor.skip(UInt8(ascii: " "))
        if cursor.index < b.count {
            let rest = String(decoding: b[cursor.index...], as: UTF8.self)
            guard let zone = zoneOffset(rest) else { return nil }
            offset = zone
        }
        return makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: fraction,
            offsetSeconds: offset)
    }

    // MARK: - RFC 822 and friends

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    private static let namedZones: [String: Int] = [
        "z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "nst": -3, "bst": 1, "ist": 0,
        "cet": 1, "cest": 2, "met": 1, "mest": 2, "eet": 2, "eest": 3, "msk": 3, "jst": 9, "kst": 9,
        "hkt": 8, "sgt": 8, "aest": 10, "aedt": 11, "acst": 9, "awst": 8, "nzst": 12, "nzdt": 13,
        "wib": 7, "pht": 8,
    ]

    /// A zone designator to seconds east of UTC: `Z`, `GMT`, `EST`, `+0100`, `-05:00`, `+01`, `GMT+2`.
    static func zoneOffset(_ raw: String) -> Int? {
        if let offset = simpleZoneOffset(raw) { return offset }
        var zone = TextTrimming.trimSpaces(raw).lowercased()
        if zone.hasPrefix("(") { return nil }
        if let named = namedZones[zone] { return named * 3600 }
        for prefix in ["gmt", "utc", "ut"] where zone.hasPrefix(prefix) && zone.count > prefix.count {
            zone.removeFirst(prefix.count)
            break
        }
        guard let sign = zone.first, sign == "+" || sign == "-" else {
            // A lone military letter other than Z: RFC 2822 says treat as unknown, i.e. UTC.
            if zone.count == 1, zone.first?.isLetter == true { return 0 }
            return nil
        }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int(digits)
        else { return nil }
        let hours: Int
        let minutes: Int
        switch digits.count {
        case 1, 2: (hours, minutes) = (value, 0)
        case 3, 4: (hours, minutes) = (value / 100, value % 100)
        default: return nil
        }
        guard hours <= 18, minutes < 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }

    /// The zones most feeds write, read from the bytes: `Z`, `GMT`, `UTC`, `+hhmm`, `+hh:mm`. nil for
    /// anything else (including out-of-range values), which `zoneOffset` then reads the long way.
    private static func simpleZoneOffset(_ raw: String) -> Int? {
        let b = raw.utf8
        switch b.count {
        case 1:
            return b.first == UInt8(ascii: "Z") || b.first == UInt8(ascii: "z") ? 0 : nil
        case 3:
            return raw == "GMT" || raw == "UTC" ? 0 : nil
        case 5, 6:
            var bytes = Array(b)
            guard bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") else { return nil }
            if bytes.count == 6 {
                guard bytes[3] == UInt8(ascii: ":") else { return nil }
                bytes.remove(at: 3)
            }
            guard bytes[1...4].allSatisfy(isDigit) else { return nil }
            let hours = Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
            let minutes = Int(bytes[3] - 0x30) * 10 + Int(bytes[4] - 0x30)
            guard hours <= 18, minutes < 60 else { return nil }
            let seconds = hours * 3600 + minutes * 60
            return bytes[0] == UInt8(ascii: "-") ? -seconds : seconds
        default:
            return nil
        }
    }

    /// The canonical RFC 822 layout, `Sun, 06 Nov 1994 08:49:37 +0000` (weekday optional, zone
    /// `GMT` or numeric, seconds optional), read from the bytes. nil when the text is laid out any
    /// other way: `parseRFC822` then reads it token by token, with the same result for this layout.
    private static func parseCanonicalRFC822(_ b: [UInt8]) -> Date? {
        var cursor = DateCursor(b)
        func letters(_ count: Int) -> Bool {
            guard cursor.index + count <= b.count else { return false }
            for k in cursor.index..<(cursor.index + count) where !((b[k] | 0x20) >= 0x61 && (b[k] | 0x20) <= 0x7A) { return false }
            return true
        }
        func monthNumber(_ at: Int) -> Int? {
            let key = String(decoding: b[at..<(at + 3)], as: UTF8.self).lowercased()
            return months[key]
        }
        // Weekday (not a month name, which the general parser would take as the month).
        if letters(3), cursor.index + 3 < b.count, b[cursor.index + 3] == UInt8(ascii: ",") {
            guard monthNumber(cursor.index) == nil else { return nil }
            cursor.index += 4
            guard cursor.take(UInt8(ascii: " ")) else { return nil }
        }
        let dayStart = cursor.index
        guard var day = cursor.digits(1) else { return nil }
        if let second = cursor.digits(1) { day = day * 10 + second }
        guard cursor.index - dayStart <= 2, cursor.take(UInt8(ascii: " ")), letters(3), let month = monthNumber(cursor.index) else { return nil }
        cursor.index += 3
        guard cursor.take(UInt8(ascii: " ")), let year = cursor.digits(4), cursor.take(UInt8(ascii: " ")) else { return nil }
        guard let hour = cursor.digits(2), cursor.take(UInt8(ascii: ":")), let minute = cursor.digits(2) else { return nil }
        var second = 0
        if cursor.take(UInt8(ascii: ":")) {
            guard let s = cursor.digits(2) else { return nil }
            second = s
        }
        guard cursor.take(UInt8(ascii: " ")), cursor.index < b.count else { return nil }
        let zone = String(decoding: b[cursor.index...], as: UTF8.self)
        guard let first = b.last, first != UInt8(ascii: ","),
            b[cursor.index...].allSatisfy({ $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A && $0 != UInt8(ascii: ",") }),
            b[cursor.index] == UInt8(ascii: "+") || b[cursor.index] == UInt8(ascii: "-") || zone == "GMT" || zone == "UTC" || zone == "Z",
            let offset = simpleZoneOffset(zone)
        else { return nil }
        return makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    private static func parseRFC822(_ text: String) -> Date? {
        if let date = parseCanonicalRFC822(Array(text.utf8)) { return date }
        // Tokens between separators (all ASCII, so splitting the UTF-8 bytes splits as
        // `components(separatedBy:)` did, without Foundation).
        var tokens = text.utf8.split(whereSeparator: {
            $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A || $0 == UInt8(ascii: ",")
        }).map { String(Substring($0)) }
        var day: Int?
        var month: Int?
        var year: Int?
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offset: Int?
        var sawTime = false
        // Glue "+ 0100" style zones and split "15:04:05+0100".
        var expanded: [String] = []
        for token in tokens {
            if token.contains(":"), let signIndex = token.lastIndex(where: { $0 == "+" || $0 == "-" }),
                signIndex != token.startIndex
            {
                expanded.append(String(token[..<signIndex]))
                expanded.append(String(token[signIndex...]))
            } else if let z = token.last, z == "Z" || z == "z", token.contains(":"), token.count > 1 {
                expanded.append(String(token.dropLast()))
                expanded.append("Z")
            } else {
                expanded.append(token)
            }
        }
        tokens = expanded
        for (index, token) in tokens.enumerated() {
            let lower = token.lowercased()
            if token.contains(":") && !sawTime && (token.first?.isNumber ?? false) {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 2, parts.count <= 3, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
                hour = h
                minute = m
                if parts.count == 3 {
                    let secondParts = parts[2].split(separator: ".", maxSplits: 1)
                    guard let s = secondParts.first.flatMap({ Int($0) }) else { return nil }
                    second = s
                    if secondParts.count == 2 { fraction = Double("0." + secondParts[1]) ?? 0 }
                }
                sawTime = true
                continue
            }
            if let first = lower.first, first.isLetter, lower.count >= 3, let m = months[String(lower.prefix(3))],
                month == nil, lower.allSatisfy({ $0.isLetter || $0 == "." })
            {
                month = m
                continue
            }
            if token.allSatisfy({ $0.isASCII && $0.isNumber }) {
                let value = Int(token) ?? -1
                if token.count == 4 || (day != nil && month != nil && year == nil) {
                    guard year == nil else { return nil }
                    year = token.count <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value
                    if token.count == 3 { year = 1900 + value }
                } else if day == nil {
                    day = value
                } else {
                    return nil
                }
                continue
            }
            if sawTime || index > 2, offset == nil, let zone = zoneOffset(token) {
                offset = zone
                continue
            }
            // Weekday names, "at", stray words before the date: ignore; after the time: ignore too.
            if lower.allSatisfy({ $0.isLetter || $0 == "." }) { continue }
            if lower.hasPrefix("(") { continue }
            return nil
        }
        guard let day, let month, let year else { return nil }
        return makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: fraction,
            offsetSeconds: offset ?? 0)
    }
}
