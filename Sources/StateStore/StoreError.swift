import GRDB

/// A failure of the state store, as one sentence that names the database file and what went wrong.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The database file does not exist (read-only opening).
        case missing
        /// The file is not a quotewatch database or was written by a newer quotewatch.
        case incompatible
        /// SQLite reported an error (`code` holds its result code).
        case sqlite(code: Int32)
        /// The PostgreSQL server failed or could not be reached; `transient` when waiting may help
        /// (the server down or restarting, a connection lost, a serialization conflict).
        case server(transient: Bool)
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

    /// SQLite's primary result code (extended codes folded), nil for the store's own errors.
    var primaryCode: ResultCode? {
        if case .sqlite(let code) = kind { ResultCode(rawValue: code & 0xFF) } else { nil }
    }

    /// Another program holds the lock, or the disk is full: faults that pass without anything
    /// changing here, worth waiting out even before the daemon starts.
    public var passes: Bool {
        if case .server(let transient) = kind { return transient }
        guard let code = primaryCode else { return false }
        return [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL].contains(code)
    }

    /// What a running daemon waits out: those, and a file system gone read-only or failing
    /// (a remount, a disk coming back). The rest (a corrupt file, a bug) are not retried.
    public var isTransient: Bool {
        if case .server(let transient) = kind { return transient }
        guard let code = primaryCode else { return false }
        return passes || [.SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PROTOCOL].contains(code)
    }
}
