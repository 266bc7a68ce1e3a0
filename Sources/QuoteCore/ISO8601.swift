import Foundation

/// Instants as the contracts write them: ISO 8601 in UTC to the second ("2026-11-29T23:59:00Z").
public enum ISO8601 {
    /// Written by hand for the years 1970 to 9999 (every `parse --json` item and every event has
    /// one or two: Foundation's formatter went through a `Calendar` each time); other instants
    /// through Foundation's `ISO8601FormatStyle`, as all of them were before.
    public static func string(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < 253_402_300_800 else { return formatted(date) }
        // Foundation writes the second the instant is in: the fraction is dropped, not rounded.
        var bytes = CivilDate.dateTime(seconds: Int(interval.rounded(.down)), separator: UInt8(ascii: "T"))
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The instant as Foundation's ISO 8601 style writes it (the contracts' format).
    static func formatted(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).dateTimeSeparator(.standard).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
