import Foundation
import GRDB
import Synchronization
public import QuoteCore

/// The quotewatch database: feeds, items, their quotes and statement states, and the event log.
///
/// One writer (the daemon, or `run --once` holding the same lock) opens it read-write; the CLI opens
/// it read-only. Write-ahead logging lets readers follow events while the daemon writes, and every
/// new item version is committed in one transaction together with the events it raised, so a daemon
/// killed at any moment loses no event and repeats none.
///
/// Blocking SQLite work runs on GRDB's own serial queues: the async methods suspend the caller
/// instead of blocking Swift's cooperative threads.
public final class SQLiteStore: Store {
    /// Where the database lives.
    public let path: String
    private let writer: any DatabaseWriter
    /// The hooks whose deliveries are queued with each event (DESIGN §9).
    private let hooks = Mutex<[HookConfig]>([])
    /// Told how long each write transaction took, from the call to its commit (the metrics' store latency).
    private let writeObserver = WriteObserver()

    /// How long a connection waits for a lock held by another before failing.
    public static let busyTimeout: TimeInterval = 5

    /// Pages the write-ahead log may hold before the writer copies them into the database (SQLite's
    /// default is 1,000, 4 MB). Each item's commit rewrites a dozen or more pages (its row, its
    /// version, its quotes, their indexes), mostly the same few hot ones; a longer log copies each
    /// of those once per checkpoint for four times as many commits. The log file grows to about
    /// 16 MB and is reused from its start after each checkpoint; readers see every commit as before.
    static let walAutocheckpointPages = 4000

    /// Opens (creating and migrating if needed) the database for writing.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
        configuration.label = "quotewatch"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(SQLiteStore.walAutocheckpointPages)")
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = StoreSchema.migrator
            let known = Set(migrator.migrations)
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError(kind: .incompatible, path: path, message: "was written by a newer quotewatch (schema step \"\(unknown)\" is unknown to this version); upgrade quotewatch")
            }
            // Migrating takes the write lock; a store already up to date needs only a read, so a
            // daemon starts even while another program holds the lock, and waits it out later.
            if try pool.read({ db in try !migrator.hasCompletedMigrations(db) }) {
                try migrator.migrate(pool)
            }
            writer = pool
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteStore.wrap(error, path: path)
        }
    }

    /// Opens an existing database for reading only (the CLI's `events`, `quotes`, `status`).
    public init(readingFrom path: String) throws(StoreError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(kind: .missing, path: path, message: "does not exist yet; start the daemon (quotewatch run) to create it")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
            let known = Set(StoreSchema.migrator.migrations)
            let applied = try writer.read { db in try StoreSchema.migrator.appliedIdentifiers(db) }
            if applied.isEmpty {
                throw StoreError(kind: .incompatible, path: path, message: "is not a quotewatch database")
            }
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError(kind: .incompatible, path: path, message: "was written by a newer quotewatch (schema step \"\(unknown)\"); upgrade quotewatch")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteStore.wrap(error, path: path)
        }
    }

    static func wrap(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            let text = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return StoreError(kind: .incompatible, path: path, message: "is not a usable SQLite database (\(text))")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "is locked by another process (\(text))")
            case .SQLITE_READONLY:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "is read-only (\(text))")
            case .SQLITE_FULL:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "the disk is full (\(text))")
            case .SQLITE_CANTOPEN:
                var reason = text
                var info = statvfs()
                if statvfs((path as NSString).deletingLastPathComponent, &info) == 0, info.f_flag & UInt(ST_RDONLY) != 0 {
                    reason += "; its folder is on a read-only file system"
                }
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "cannot be opened (\(reason))")
            default:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: text)
            }
        }
        return StoreError(kind: .sqlite(code: -1), path: path, message: String(describing: error))
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        let observer = writeObserver.current
        let started = ContinuousClock.now
        do {
            let result = try await writer.write(body)
            observer?(ContinuousClock.now - started)
            return result
        } catch {
            throw SQLiteStore.wrap(error, path: path)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw SQLiteStore.wrap(error, path: path)
        }
    }

    /// From now on, each event is queued for delivery to each of these hooks whose filters it passes
    /// (the daemon sets them at start and at each reload).
    public func setHooks(_ hooks: [HookConfig]) {
        self.hooks.withLock { $0 = hooks }
    }

    /// From now on, `observer` hears how long each write transaction took (the daemon's metrics).
    public func observeWrites(_ observer: @escaping @Sendable (Duration) -> Void) {
        writeObserver.listen(observer)
    }

    /// The hooks in force.
    var configuredHooks: [HookConfig] {
        hooks.withLock { $0 }
    }

    public var location: String { path }

    /// One instance alone writes a SQLite store: every feed asked for is its own.
    public func leaseFeeds(_ ids: [String], urls: [String: String], since: Date?, now: Date) async throws(StoreError) -> [String] {
        ids
    }

    public func renewLeases(_ ids: [String], now: Date) async throws(StoreError) {}

    public func feedsHeldElsewhere(_ ids: [String], since: Date, now: Date) async throws(StoreError) -> [String] {
        []
    }

    /// Answers when the database does (the watchdog's health check).
    public func ping() async throws(StoreError) {
        // Raw SQL: the cheapest statement that reaches SQLite reads no table, so no record says it.
        _ = try await read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: Feeds

    /// The stored state of a feed, or nil if it was never fetched.
    public func feedState(id: String) async throws(StoreError) -> FeedState? {
        try await read { db in try FeedRecord.fetchOne(db, key: id)?.state }
    }

    /// Every stored feed state, by id.
    public func feedStates() async throws(StoreError) -> [FeedState] {
        try await read { db in try FeedRecord.order(\.id).fetchAll(db).map(\.state) }
    }

    /// Saves a feed's state, and the feed events it raised, in one transaction.
    /// - Returns: the events as stored, with their ids.
    @discardableResult
    public func save(_ state: FeedState, events: [ChangeEvent] = []) async throws(StoreError) -> [ChangeEvent] {
        let hooks = configuredHooks
        return try await write { db in
            try FeedRecord(state).save(db)
            return try events.map { try SQLiteStore.insert($0, hooks: hooks, db) }
        }
    }
}
