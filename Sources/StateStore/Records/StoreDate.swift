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
        var bytes = CivilDate.dateTime(seconds: Int(value / 1000), separator: UInt8(ascii: " "))
        bytes.append(UInt8(ascii: "."))
        bytes.append(contentsOf: repeatElement(0, count: 3))
        CivilDate.put(Int(value % 1000), into: &bytes, at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}
