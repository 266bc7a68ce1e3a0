/// A failure of the state store, as one sentence that names the database file and what went wrong.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The database file does not exist (read-only opening).
        case missing
        /// The file is not a quotewatch database or was written by a newer quotewatch.
        case incompatible
        /// SQLite reported an error (`code` holds its result code).
        case sqlite(code: Int32)
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "database \(path): \(message)" }
}
