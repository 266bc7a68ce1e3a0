import Foundation

extension ChangeEvent {
    /// The event as DESIGN §5 writes it: one line of `events --json`, the body of a hook's
    /// delivery, an object of the web API, in the contract's key order.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", id.map { .integer($0) } ?? .null),
            ("time", .date(time)),
            ("type", .string(type.rawValue)),
            ("statement", .string(statement)),
            ("feed", .string(feed)),
            ("item", .string(item)),
            ("url", .string(url)),
            ("title", .string(title)),
            ("speaker", .string(speaker)),
            ("quote", .string(quote)),
            ("previous", .string(previous)),
            ("score", score.map { .number($0) } ?? .null),
            ("tier", .string(tier?.rawValue)),
        ]
        if type == .quoteEdited {
            pairs.append(("reversed", .bool(reversed)))
        }
        if let first = first {
            pairs.append(("first", .object([
                ("feed", .string(first.feed)), ("item", .string(first.item)), ("url", .string(first.url)),
                ("time", .date(first.time)), ("quote", .string(first.quote)),
            ])))
        }
        if type == .claimChanged {
            pairs.append(("oldValues", .array((oldValues ?? []).map { .string($0) })))
            pairs.append(("newValues", .array((newValues ?? []).map { .string($0) })))
        }
        if let detail = detail {
            pairs.append((type == .quoteEdited ? "diff" : (type == .feedFailed ? "error" : "detail"), .string(detail)))
        }
        return .object(pairs)
    }
}
