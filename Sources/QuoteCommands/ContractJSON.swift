import Foundation
import QuoteCore
import StateStore

/// The JSON shapes of the command-line contracts (DESIGN §3, §5), in one place.
public enum ContractJSON {
    /// One line of `parse --json`, written straight into `json` (a feed of many items is the
    /// largest line any command writes).
    public static func write(_ feed: ParsedFeed, source: String, into json: inout JSONWriter) {
        json.beginObject()
        json.member("source", source)
        json.member("format", feed.format?.rawValue)
        json.key("wellFormed")
        json.bool(feed.wellFormed)
        json.member("encoding", feed.encoding)
        json.member("title", feed.title)
        json.member("link", feed.link)
        json.member("description", feed.description)
        json.member("language", feed.language)
        json.key("updated")
        json.date(feed.updated)
        json.key("items")
        json.beginArray()
        for item in feed.items { write(item, into: &json) }
        json.endArray()
        json.member("error", feed.error)
        json.endObject()
    }

    static func write(_ item: FeedItem, into json: inout JSONWriter) {
        json.beginObject()
        json.member("id", item.id)
        json.member("title", item.title)
        json.member("link", item.link)
        json.key("published")
        json.date(item.published)
        json.key("updated")
        json.date(item.updated)
        json.member("author", item.author)
        json.member("summary", item.summary)
        json.member("content", item.content)
        json.key("categories")
        json.beginArray()
        for category in item.categories { json.string(category) }
        json.endArray()
        json.endObject()
    }

    /// One line of `extract --json`.
    public static func extraction(_ quotes: [Quote], source: String) -> JSONValue {
        .object([
            ("source", .string(source)),
            ("quotes", .array(quotes.map { quote in
                .object([
                    ("text", .string(quote.text)),
                    ("speaker", .string(quote.speaker)),
                    ("start", .integer(Int64(quote.start))),
                    ("end", .integer(Int64(quote.end))),
                    ("source", .string(quote.source)),
                ])
            })),
        ])
    }

    /// One line of `match --json`.
    public static func match(_ match: StatementMatch?) -> JSONValue {
        .object([
            ("statement", .string(match?.statementID)),
            ("score", match.map { .number($0.score) } ?? .number(0)),
            ("tier", .string(match?.tier.rawValue)),
        ])
    }

    /// One line of `history --json`: one stored version of an item.
    public static func version(_ version: ItemVersion, number: Int, of history: ItemHistory) -> JSONValue {
        .object([
            ("feed", .string(history.feedID)),
            ("item", .string(history.identity)),
            ("version", .integer(Int64(number))),
            ("time", .date(version.time)),
            ("source", .string(version.source.rawValue)),
            ("url", .string(version.url)),
            ("etag", .string(version.etag)),
            ("lastModified", .string(version.lastModified)),
            ("bodyHash", .string(version.bodyHash)),
            ("textHash", .string(version.textHash)),
            ("complete", .bool(version.complete)),
            ("quotes", .array(version.quotes.filter { $0.kind == .speech }.map { quote in
                .object([
                    ("text", .string(quote.text)),
                    ("speaker", .string(quote.speaker)),
                    ("source", .string(quote.source)),
                    ("start", .integer(Int64(quote.start))),
                    ("end", .integer(Int64(quote.end))),
                ])
            })),
            ("text", .string(version.text)),
        ])
    }

    /// One line of `quotes --json`.
    public static func storedQuote(_ stored: StoredQuote) -> JSONValue {
        .object([
            ("speaker", .string(stored.quote.speaker)),
            ("text", .string(stored.quote.text)),
            ("source", .string(stored.quote.source)),
            ("feed", .string(stored.feedID)),
            ("item", .string(stored.item)),
            ("url", .string(stored.link)),
            ("title", .string(stored.title)),
            ("statements", .array(stored.statements.map { .string($0) })),
            ("firstSeen", stored.firstSeen.map { .date($0) } ?? .null),
        ])
    }
}
