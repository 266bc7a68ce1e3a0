import Foundation

/// Instants as the contracts write them: ISO 8601 in UTC to the second ("2026-11-29T23:59:00Z").
public enum ISO8601 {
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).dateTimeSeparator(.standard).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
