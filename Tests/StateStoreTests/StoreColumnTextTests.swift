import Foundation
import GRDB
import QuoteCore
@testable import StateStore
import Testing

/// The columns the store writes by hand read as GRDB's and Foundation's coders wrote them.
@Suite struct StoreColumnTextTests {
    @Test func datesAreWrittenAsGRDBWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_739_383_500), Date(timeIntervalSince1970: 1_739_383_500.9996),
            Date(timeIntervalSince1970: 1_739_383_500.0005), Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: -86_400.25),
            Date(timeIntervalSinceReferenceDate: 818_050_096.1358819), Date.distantPast, Date.distantFuture,
            Date(timeIntervalSince1970: 4_107_542_399.9994), Date(timeIntervalSince1970: 253_402_300_799.999),
        ]
        for _ in 0..<20_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: -2e9...5e10, using: &generator))) }
        for _ in 0..<20_000 { dates.append(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000_000, using: &generator)) / 1000 + 0.0005)) }
        for date in dates {
            #expect(StoreDate.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date.timeIntervalSinceReferenceDate)")
        }
    }

    @Test func quotesAreWrittenAsJSONEncoderWritesThem() throws {
        var awkward = ""
        for byte in 0..<0x80 { awkward.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        awkward += "\u{7F}\u{A0}\u{2028}\u{2029}\u{FEFF}é😀\u{FFFD} a/b \\\" end"
        let quotes = [
            Quote(text: "We will win.", speaker: "Pete Hegseth", start: 3, end: 15),
            Quote(text: awkward, source: "a NATO diplomat", start: 0, end: 1_000_000, kind: .scare),
            Quote(text: "", speaker: "Ann", source: "the court", start: 7, end: 7, kind: .title),
        ]
        let text = StoreJSON.quotes(quotes)
        #expect(try JSONDecoder().decode([Quote].self, from: Data(text.utf8)) == quotes)
        #expect(StoreJSON.quotes([]) == String(decoding: try JSONEncoder().encode([Quote]()), as: UTF8.self))
        // Byte for byte as the encoder's strings (its objects' key order is its dictionaries').
        for string in [awkward, "plain", "", "https://example.org/a?b=c"] {
            var out: [UInt8] = []
            StoreJSON.string(string, into: &out)
            #expect("[" + String(decoding: out, as: UTF8.self) + "]" == String(decoding: try JSONEncoder().encode([string]), as: UTF8.self))
        }
    }
}
