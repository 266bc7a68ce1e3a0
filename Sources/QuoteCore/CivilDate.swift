/// Days since 1970-01-01 and the proleptic Gregorian dates they stand for, in UTC (Howard Hinnant's
/// algorithms): the calendar arithmetic of the feed dates read and of the instants written, without
/// a `Calendar` or a formatter.
public enum CivilDate {
    /// Days since 1970-01-01 of a civil date (negative before it).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date `days` days after 1970-01-01 (`days` ≥ 0).
    public static func date(days: Int) -> (year: Int, month: Int, day: Int) {
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

    /// "yyyy-MM-dd?HH:mm:ss" of `seconds` since 1970 (≥ 0, before the year 10000), `separator`
    /// between the date and the time: the first 19 bytes of every instant the project writes by hand.
    public static func dateTime(seconds: Int, separator: UInt8) -> [UInt8] {
        let (year, month, day) = date(days: seconds / 86_400)
        let secondOfDay = seconds % 86_400
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 19)
        put(year, into: &bytes, at: 0, digits: 4)
        put(month, into: &bytes, at: 5, digits: 2)
        put(day, into: &bytes, at: 8, digits: 2)
        bytes[10] = separator
        put(secondOfDay / 3600, into: &bytes, at: 11, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, into: &bytes, at: 14, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, into: &bytes, at: 17, digits: 2)
        return bytes
    }

    /// Writes `number` as `digits` decimal digits (zero-padded) into `bytes` at `offset`.
    @inline(__always)
    public static func put(_ number: Int, into bytes: inout [UInt8], at offset: Int, digits: Int) {
        var number = number
        for k in stride(from: offset + digits - 1, through: offset, by: -1) {
            bytes[k] = UInt8(truncatingIfNeeded: 48 + number % 10)
            number /= 10
        }
    }
}
