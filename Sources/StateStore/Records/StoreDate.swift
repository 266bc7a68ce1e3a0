import Foundation
import GRDB
import QuoteCore

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
        let (year, month, day) = CivilDate.date(days: days)
        var bytes = [UInt8](repeating: 0, count: 23)
        CivilDate.put(year, into: &bytes, at: 0, digits: 4)
        bytes[4] = 45
        CivilDate.put(month, into: &bytes, at: 5, digits: 2)
        bytes[7] = 45
        CivilDate.put(day, into: &bytes, at: 8, digits: 2)
        bytes[10] = 32
        CivilDate.put(secondOfDay / 3600, into: &bytes, at: 11, digits: 2)
        bytes[13] = 58
        CivilDate.put(secondOfDay / 60 % 60, into: &bytes, at: 14, digits: 2)
        bytes[16] = 58
        CivilDate.put(secondOfDay % 60, into: &bytes, at: 17, digits: 2)
        bytes[19] = 46
        CivilDate.put(millisecond, into: &bytes, at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}
