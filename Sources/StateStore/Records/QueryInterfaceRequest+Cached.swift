import GRDB

extension QueryInterfaceRequest {
    /// This request, run with a statement that each connection compiles once and keeps.
    ///
    /// GRDB compiles the statement of a query-interface fetch anew each time (with its authorizer:
    /// tens of µs, more than the read itself), while its record persistence methods (insert,
    /// update, upsert) reuse cached ones. The daemon reads every item of a changed feed, so its
    /// per-item reads go through this. The SQL is still the query interface's.
    /// Only for requests of a fixed shape (no list whose length varies: each shape is cached) and
    /// without `including(all:)`.
    var cached: SQLRequest<RowDecoder> {
        SQLRequest(literal: "\(self)", cached: true)
    }
}
