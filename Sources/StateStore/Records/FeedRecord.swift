import Foundation
import GRDB

/// A row of `feed`: a ``FeedState``.
struct FeedRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "feed"

    var id: String
    var url: String
    var fetchURL: String?
    var etag: String?
    var lastModified: String?
    var bodyHash: String?
    var lastFetch: Date?
    /// The raw value of a ``FeedState/Result``; one this build does not know reads as `pending`.
    var result: String
    var httpStatus: Int?
    var error: String?
    var consecutiveFailures: Int
    var nextDue: Date?

    enum Columns {
        static let id = Column(CodingKeys.id)
    }

    init(_ state: FeedState) {
        id = state.id
        url = state.url
        fetchURL = state.fetchURL
        etag = state.etag
        lastModified = state.lastModified
        bodyHash = state.bodyHash
        lastFetch = state.lastFetch
        result = state.result.rawValue
        httpStatus = state.httpStatus
        error = state.error
        consecutiveFailures = state.consecutiveFailures
        nextDue = state.nextDue
    }

    var state: FeedState {
        FeedState(
            id: id, url: url, fetchURL: fetchURL, etag: etag, lastModified: lastModified, bodyHash: bodyHash, lastFetch: lastFetch,
            result: FeedState.Result(rawValue: result) ?? .pending, httpStatus: httpStatus, error: error,
            consecutiveFailures: consecutiveFailures, nextDue: nextDue)
    }
}
