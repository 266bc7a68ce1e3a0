import Foundation

/// Durations as feeds.json writes them (DESIGN §4): seconds as a number, or a string with a unit
/// suffix, `30s`, `15m`, `2h`, `1d`.
public enum ConfigDuration {
    /// Seconds for a JSON value, or nil when it is not a duration.
    public static func seconds(_ value: JSONValue) -> Double? {
        if let number = value.doubleValue { return number.isFinite ? number : nil }
        guard let string = value.stringValue else { return nil }
        return seconds(string)
    }

    /// Seconds for a duration string such as `90`, `30s`, `15m`, `2h`, `1.5h`, `1d`.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let (digits, unit) = units[last].map { (String(trimmed.dropLast()), $0) } ?? (trimmed, 1)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isNumber || $0 == "." }),
              let number = Double(digits), number.isFinite else { return nil }
        // 1e305 is finite, 1e305 days are not: "1000…0d" gave an infinite refresh interval.
        let seconds = number * unit
        return seconds.isFinite ? seconds : nil
    }

    /// A compact rendering for messages: `90s`, `15m`, `2h`.
    public static func format(_ seconds: Double) -> String {
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}
