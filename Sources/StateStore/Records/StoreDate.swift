import Foundation
import GRDB

/// A date column's text, as GRDB stores a `Date` ("yyyy-MM-dd HH:mm:ss.SSS" in UTC, rounded to the
/// nearest millisecond), written without a `DateFormatter`: GRDB's formatter (ICU) cost more than
/// the rest of an item's commit. Dates outside the years 1971 to 9998, or within a hair of half a
/// millisecond (where the rounding of the formatter's arithmetic decides), go through GRDB as before,
/// so the text is always the one GRDB writes.
enum StoreDate {
    /// The text GRDB stores for `date`.
    static func text(_ date: Date) -> String {
        // As Foundation hands the date to ICU: milliseconds since 1970, rounded half up.
        let milliseconds = (date.timeIntervalSinceReferenceDate + 978_307_200) * 1000
        let rounded = (milliseconds + 0.5).rounded(.down)
        let fraction = milliseconds - milliseconds.rounded(.down)
        guard milliseconds >= 31_536_000_000, milliseconds < 253_370_764_800_000, abs(fraction - 0.5) > 1e-3,
              let value = Int64(exactly: rounded) else {
            return String.fromDatabaseValue(date.databaseValue) ?? ""
        }
        let millisecond = Int(value % 1000)
        let seconds = Int(value / 1000)
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let (year, month, day) = civil(days: days)
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ number: Int, at offset: Int, digits: Int) {
            var number = number
            for k in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[k] = UInt8(truncatingIfNeeded: 48 + number % 10)
                number /= 10
            }
        }
        put(year, at: 0, digits: 4)
        bytes[4] = 45
        put(month, at: 5, digits: 2)
        bytes[7] = 45
        put(day, at: 8, digits: 2)
        bytes[10] = 32
        put(secondOfDay / 3600, at: 11, digits: 2)
        bytes[13] = 58
        put(secondOfDay / 60 % 60, at: 14, digits: 2)
        bytes[16] = 58
        put(secondOfDay % 60, at: 17, digits: 2)
        bytes[19] = 46
        put(millisecond, at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (days ≥ 0; Howard Hinnant's algorithm).
    private static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
