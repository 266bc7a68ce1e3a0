import GRDB

extension TableRecord {
    /// Deletes the rows of this table where `condition` holds, with a statement that each
    /// connection compiles once and keeps.
    ///
    /// Raw SQL, for speed only: the query interface's `deleteAll` compiles its statement anew each
    /// time, and each commit of a new version deletes the item's quotes and states before writing
    /// them again. The table and the condition are the record's. For conditions of a fixed shape.
    static func deleteAll(_ db: Database, cachedWhere condition: some SQLSpecificExpressible) throws {
        try db.cachedStatement(literal: "DELETE FROM \(self) WHERE \(condition)").execute()
    }
}
