import Foundation
import GRDB

/// The linked-page columns of a row of `item`: a ``PageState``. Updating it writes only them.
struct ItemPageRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "item"

    /// The item's id.
    var id: Int64
    var pageURL: String?
    var pageFinalURL: String?
    var pageETag: String?
    var pageLastModified: String?
    var pageHash: String?
    var pageFetched: Date?
    var pageStatus: Int?
    var pageError: String?
    var pageFailures: Int
    var pageNextDue: Date?

    enum Columns {
        static let pageNextDue = Column(CodingKeys.pageNextDue)
    }

    init(itemID: Int64, _ page: PageState) {
        id = itemID
        pageURL = page.url
        pageFinalURL = page.finalURL
        pageETag = page.etag
        pageLastModified = page.lastModified
        pageHash = page.hash
        pageFetched = page.fetched
        pageStatus = page.status
        pageError = page.error
        pageFailures = page.failures
        pageNextDue = page.nextDue
    }

    var page: PageState {
        PageState(
            url: pageURL, finalURL: pageFinalURL, etag: pageETag, lastModified: pageLastModified, hash: pageHash, fetched: pageFetched,
            status: pageStatus, error: pageError, failures: pageFailures, nextDue: pageNextDue)
    }
}
