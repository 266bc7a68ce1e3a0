public import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
public import QuoteCore
public import StateStore
import Synchronization

/// The store on a PostgreSQL server that several quotewatch instances share (DESIGN §7), through
/// postgres-nio's connection pool: the same contract as the SQLite store, plus feed and delivery
/// leases, so that no feed is fetched twice in an interval and each event is logged and delivered
/// once.
///
/// Every write is one transaction; the event sequence is the server's, one for all instances.
public final class PostgresStore: Store {
    public let url: PostgresURL
    /// This instance's name in leases and in the events it committed (host:pid:random).
    public let instance: String
    public var location: String { url.description }
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger
    let hooks = Mutex<[HookConfig]>([])
    let writeObserver = WriteObserver()

    /// How long a lease holds without renewal.
    public static let leaseDuration: TimeInterval = 15

    /// Connects (the pool connects lazily; the first query waits for it) and migrates the schema
    /// under an advisory lock, so that instances starting together migrate once.
    public init(url: PostgresURL, logger: Logger = Logger(label: "quotewatch.postgres")) async throws(StoreError) {
        self.url = url
        self.logger = logger
        instance = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"
        let tls: PostgresClient.Configuration.TLS
        switch url.sslMode {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default:
            var config = TLSConfiguration.makeClientConfiguration()
            if url.sslMode == "require" { config.certificateVerification = .none }
            tls = .require(config)
        }
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        // The pool's own warnings (a lease asked before run() has begun, as at every start) are not the user's.
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await PostgresSchema.migrate(client, logger: logger)
        } catch {
            runner.cancel()
            throw wrap(error)
        }
    }

    deinit {
        runner.cancel()
    }

    /// The URL's store, with the password from the environment or the password file.
    public static func open(_ text: String, logger: Logger = Logger(label: "quotewatch.postgres")) async throws(StoreError) -> PostgresStore {
        let environment = ProcessInfo.processInfo.environment
        let file = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        switch PostgresURL.parse(text, environment: environment, pgpass: try? String(contentsOfFile: file, encoding: .utf8)) {
        case .failure(let error):
            throw StoreError(kind: .incompatible, path: text, message: error.message)
        case .success(let url):
            return try await PostgresStore(url: url, logger: logger)
        }
    }

    func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresSchema.SchemaError {
            return StoreError(kind: .incompatible, path: url.description, message: error.message)
        }
        if let error = error as? PSQLError {
            let transient: Bool
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed: transient = true
            default:
                // 40001 serialization failure, 40P01 deadlock, 57P01 admin shutdown, 08xxx connection.
                let state = error.serverInfo?[.sqlState] ?? ""
                transient = ["40001", "40P01", "57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08")
            }
            let detail = error.serverInfo?[.message] ?? "\(error.code)"
            return StoreError(kind: .server(transient: transient), path: url.description, message: detail)
        }
        return StoreError(kind: .server(transient: true), path: url.description, message: String(describing: error))
    }

    /// Runs `body` in one transaction, timed for the write observer.
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        let observer = writeObserver.current
        let started = ContinuousClock.now
        do {
            let result = try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            observer?(ContinuousClock.now - started)
            return result
        } catch {
            throw wrap(error)
        }
    }

    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw wrap(error)
        }
    }

    public func setHooks(_ hooks: [HookConfig]) {
        self.hooks.withLock { $0 = hooks }
    }

    var configuredHooks: [HookConfig] { hooks.withLock { $0 } }

    public func observeWrites(_ observer: @escaping @Sendable (Duration) -> Void) {
        writeObserver.listen(observer)
    }

    public func ping() async throws(StoreError) {
        try await read { connection in _ = try await connection.query("SELECT 1", logger: logger).collect() }
    }

    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func value<T: Decodable>(_ type: T.Type, json: String?) -> T? {
        guard let json else { return nil }
        return try? decoder.decode(T.self, from: Data(json.utf8))
    }
}
