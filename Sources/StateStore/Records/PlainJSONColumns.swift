import Foundation
import GRDB

/// A record whose JSON columns (numeric values, wording history, quotes, first appearances) are
/// written and read as quotewatch always wrote them: with Foundation's default coders (dates as
/// seconds since 2001), not GRDB's (milliseconds since 1970, sorted keys), so that rows written by
/// earlier versions read back unchanged.
protocol PlainJSONColumns: EncodableRecord, FetchableRecord {}

extension PlainJSONColumns {
    static func databaseJSONEncoder(for column: String) -> JSONEncoder { JSONEncoder() }
    static func databaseJSONDecoder(for column: String) -> JSONDecoder { JSONDecoder() }
}

extension EncodableRecord {
    /// A JSON column's text, as GRDB's Codable path stores it with Foundation's default encoder.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
