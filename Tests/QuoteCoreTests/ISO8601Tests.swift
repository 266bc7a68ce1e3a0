import Foundation
@testable import QuoteCore
import Testing

/// The hand-written instants read as Foundation's ISO 8601 style writes them, and the calendar
/// arithmetic turns days into dates and back.
@Suite struct ISO8601Tests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (0.999, "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (1_764_460_740.9999, "2025-11-29T23:59:00Z"), (4_107_542_399, "2100-02-28T23:59:59Z"),
        (253_402_300_799.5, "9999-12-31T23:59:59Z"), (-1.0, "1969-12-31T23:59:59Z"),
    ])
    func instants(seconds: Double, text: String) {
        #expect(ISO8601.string(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func everyInstantReadsAsFoundationWritesIt() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: 253_402_300_800)]
        for _ in 0..<20_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: -1e10...2.6e11, using: &generator))) }
        for _ in 0..<5_000 { dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator)) + 0.9999)) }
        for _ in 0..<5_000 { dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &generator)))) }
        for date in dates {
            #expect(ISO8601.string(date) == ISO8601.formatted(date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func daysAndDatesAreEachOthersInverse() {
        for days in stride(from: 0, through: 2_932_896, by: 37) {
            let (year, month, day) = CivilDate.date(days: days)
            #expect(CivilDate.days(year: year, month: month, day: day) == days)
        }
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilDate.date(days: 11_016) == (2000, 2, 29))
    }
}
