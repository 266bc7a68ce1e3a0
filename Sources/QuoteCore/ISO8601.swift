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
        let seconds = Int(interval.rounded(.down))
        let (year, month, day) = CivilDate.date(days: seconds / 86_400)
        let secondOfDay = seconds % 86_400
        var bytes = [UInt8](repeating: 0, count: 20)
        CivilDate.put(year, into: &bytes, at: 0, digits: 4)
        bytes[4] = UInt8(ascii: "-")
        CivilDate.put(month, into: &bytes, at: 5, digits: 2)
        bytes[7] = UInt8(ascii: "-")
        CivilDate.put(day, into: &bytes, at: 8, digits: 2)
        bytes[10] = UInt8(ascii: "T")
        CivilDate.put(secondOfDay / 3600, into: &bytes, at: 11, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        CivilDate.put(secondOfDay / 60 % 60, into: &bytes, at: 14, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        CivilDate.put(secondOfDay % 60, into: &bytes, at: 17, digits: 2)
        bytes[19] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The instant as Foundation's ISO 8601 style writes it (the contracts' format).
    static func formatted(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).dateTimeSeparator(.standard).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
