import Foundation
import QuoteCore
import StateStore

/// The JSON shapes of the command-line contracts (DESIGN §3, §5), in one place.
public enum ContractJSON {
    /// One line of `parse --json`.
    public static func feed(_ feed: ParsedFeed, source: String) -> JSONValue {
        .object([
            ("source", .string(source)),
            ("format", .string(feed.format?.rawValue)),
            ("wellFormed", .bool(feed.wellFormed)),
            ("encoding", .string(feed.encoding)),
            ("title", .string(feed.title)),
            ("link", .string(feed.link)),
            ("description", .string(feed.description)),
            ("language", .string(feed.language)),
            ("updated", .date(feed.updated)),
            ("items", .array(feed.items.map(item))),
            ("error", .string(feed.error)),
        ])
    }

    static func item(_ item: FeedItem) -> JSONValue {
        .object([
            ("id", .string(item.id)),
            ("title", .string(item.title)),
            ("link", .string(item.link)),
            ("published", .date(item.published)),
            ("updated", .date(item.updated)),
            ("author", .string(item.author)),
            ("summary", .string(item.summary)),
            ("content", .string(item.content)),
            ("categories", .array(item.categories.map { .string($0) })),
        ])
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
