import Foundation
import QuoteCore
import StateStore

/// The filters of `quotewatch events` as URL query parameters, for `/events`, `/events.atom` and
/// `/api/events`: `since=ID`, `type=T` (repeatable, or comma-separated), `statement=ID`, `limit=N`.
struct EventFilter: Sendable {
    /// The most events a page shows when no `limit` is given.
    static let pageLimit = 500
    static let maximumLimit = 100_000

    var query = EventQuery()
    /// The limit a page shows (the API and the Atom feed have none unless given).
    var limit = EventFilter.pageLimit
    /// The parameters as given, to repeat them in links.
    var pairs: [(String, String)] = []

    /// Parses the parameters; the reason, when one is not understood, names it.
    static func parse(_ items: [(String, String)], statements: Set<String>) -> Result<EventFilter, FilterError> {
        var filter = EventFilter()
        for (name, value) in items where !value.isEmpty {
            switch name {
            case "since":
                guard let id = Int64(value), id >= 0 else { return .failure(FilterError("since=\(value): not an event id (a whole number)")) }
                filter.query.afterID = id
            case "type":
                for part in value.split(separator: ",") {
                    guard let type = EventType(rawValue: String(part)) else {
                        return .failure(FilterError("type=\(part): not an event type; the types are \(EventType.allCases.map(\.rawValue).joined(separator: ", "))"))
                    }
                    filter.query.types.insert(type)
                }
            case "statement":
                guard statements.contains(value) else {
                    return .failure(FilterError("statement=\(value): no such statement; the statements are \(statements.sorted().joined(separator: ", "))"))
                }
                filter.query.statement = value
            case "limit":
                guard let limit = Int(value), limit > 0, limit <= maximumLimit else {
                    return .failure(FilterError("limit=\(value): not a number from 1 to \(maximumLimit)"))
                }
                filter.limit = limit
                filter.query.limit = limit
            default:
                return .failure(FilterError("\(name): not a filter; the filters are since, type, statement and limit"))
            }
            filter.pairs.append((name, value))
        }
        return .success(filter)
    }

    /// `?name=value&…` of the parameters given, or "".
    var queryString: String {
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { HTML.segment($0.0) + "=" + HTML.segment($0.1) }.joined(separator: "&")
    }
}
