import Foundation
import Testing

@testable import FeedParsing

@Suite("FeedDate")
struct FeedDateTests {
    static let readable: [(String, TimeInterval)] = [
        ("Mon, 02 Jan 2006 15:04:05 -0700", 1_136_239_445),
        ("Mon, 2 Jan 2006 15:04:05 -0700", 1_136_239_445),
        ("2 Jan 2006 15:04:05 -0700", 1_136_239_445),
        ("Mon, 02 Jan 06 15:04:05 -0700", 1_136_239_445),
        ("Mon, 02 Jan 2006 15:04:05 MST", 1_136_239_445),
        ("Mon, 02 Jan 2006 15:04:05 PDT", 1_136_239_445),
        ("Mon, 02 Jan 2006 22:04:05 GMT", 1_136_239_445),
        ("Mon, 02 Jan 2006 22:04:05 UT", 1_136_239_445),
        ("Mon, 02 Jan 2006 22:04:05 Z", 1_136_239_445),
        ("Mon, 02 Jan 2006 22:04:05", 1_136_239_445),
        ("Mon, 02 Jan 2006 17:04:05 -05:00", 1_136_239_445),
        ("Mon, 02 Jan 2006 22:04 GMT", 1_136_239_440),
        ("Monday, 02 January 2006 22:04:05 GMT", 1_136_239_445),
        ("Mon, 02 Jan 2006 22:04:05.123 +0000", 1_136_239_445.123),
        ("Mon Jan  2 22:04:05 2006", 1_136_239_445),
        ("Wed, 31 Dec 2003 10:14:55 -0700", 1_072_890_895),
        // Around the byte-level fast path for the canonical layout: a weekday that is a month name
        // (the first month wins, as in the token parser), a lower-case zone, +hh:mm, one-digit day.
        ("Jan, 02 Feb 2006 22:04:05 GMT", 1_136_239_445),
        ("Mon, 02 Jan 2006 22:04:05 gmt", 1_136_239_445),
        ("Mon, 02 Jan 2006 23:04:05 +01:00", 1_136_239_445),
        ("Mon, 2 Jan 2006 22:04 +0000", 1_136_239_440),
        ("2006-01-02T15:04:05-07:00", 1_136_239_445),
        ("2006-01-02T22:04:05Z", 1_136_239_445),
        ("2006-01-02T22:04:05.5Z", 1_136_239_445.5),
        ("2006-01-02T23:04:05+0100", 1_136_239_445),
        ("2006-01-02T23:04:05+01", 1_136_239_445),
        ("2006-01-02 22:04:05", 1_136_239_445),
        ("2006-01-02T22:04Z", 1_136_239_440),
        ("2006-01-02", 1_136_160_000),
        ("2006-01", 1_136_073_600),
        ("20060102T220405Z", 1_136_239_445),
        ("  2006-01-02T22:04:05Z \n", 1_136_239_445),
    ]

    @Test(arguments: readable)
    func reads(_ input: String, _ expected: TimeInterval) throws {
        let date = try #require(FeedDate.parse(input), "could not read \(input)")
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.001, "\(input) → \(date)")
    }

    @Test(arguments: [
        "", "yesterday", "not a date", "2006-13-02", "Mon, 32 Jan 2006 10:00:00 GMT", "2006-02-30",
        "Mon, 02 Foo 2006 10:00:00 GMT", "25:61", "12345",
    ])
    func rejects(_ input: String) {
        #expect(FeedDate.parse(input) == nil, "\(input) should be unreadable")
    }

    @Test func twoDigitYearsPivot() throws {
        let recent = try #require(FeedDate.parse("01 Feb 25 00:00:00 GMT"))
        let old = try #require(FeedDate.parse("01 Feb 99 00:00:00 GMT"))
        #expect(recent == Date(timeIntervalSince1970: 1_738_368_000))
        #expect(old == Date(timeIntervalSince1970: 917_827_200))
    }
}
