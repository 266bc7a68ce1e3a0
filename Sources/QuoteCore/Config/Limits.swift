import Foundation

/// Bounds on what one feed, item, page or configuration may bring in (`limits` in feeds.json).
///
/// The web is written by strangers: each bound keeps one hostile or runaway document from taking
/// the daemon's memory or time. A feed or page over its byte bound fails alone with a message; a
/// feed with too many items, an item too long or with too many quotes is read up to the bound, with
/// a warning once per feed; a configuration over its counts is refused with the key to raise.
public struct Limits: Sendable, Hashable {
    /// Bytes of one feed document, enforced while receiving.
    public var feedBytes = 10_000_000
    /// Bytes of one linked article page (`fetchArticles`).
    public var articleBytes = 5_000_000
    /// Items read from one feed document, the first ones in document order.
    public var itemsPerFeed = 1_000
    /// Bytes of one item's body (its HTML as the feed gives it); the rest is not read.
    public var itemBytes = 1_000_000
    /// Quotes read from one item (or its article page), the first ones in the text.
    public var quotesPerItem = 500
    /// Feeds in the configuration.
    public var feeds = 10_000
    /// Statements in the configuration.
    public var statements = 100_000

    public init() {}

    /// The config keys under `limits`, each with its value and whether it counts bytes.
    static var keys: [(name: String, path: WritableKeyPath<Limits, Int>, isBytes: Bool)] {
        [
            ("feedBytes", \.feedBytes, true), ("articleBytes", \.articleBytes, true), ("itemsPerFeed", \.itemsPerFeed, false),
            ("itemBytes", \.itemBytes, true), ("quotesPerItem", \.quotesPerItem, false), ("feeds", \.feeds, false),
            ("statements", \.statements, false),
        ]
    }

    /// The largest value any limit takes: a bound of more than a gigabyte, or a billion items,
    /// bounds nothing on one machine.
    static let ceiling = 1_000_000_000

    /// A whole JSON number (not a boolean, not a fraction, not too large to be exact), or nil.
    public static func count(_ value: JSONValue) -> Int? {
        value.intValue
    }

    /// A byte count as feeds.json writes it: a number, or a string with `KB`, `MB` or `GB`
    /// (decimal: 1 MB is 1,000,000 bytes). nil when it is neither.
    public static func bytes(_ value: JSONValue) -> Int? {
        if let count = count(value) { return count }
        guard let string = value.stringValue else { return nil }
        let text = string.trimmingCharacters(in: .whitespaces).uppercased()
        for (suffix, factor) in [("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("B", 1.0)] where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isNumber || $0 == "." }), let number = Double(digits) else { return nil }
            let bytes = (number * factor).rounded()
            return bytes < 1e15 ? Int(bytes) : nil
        }
        return Int(text)
    }
}
