import Foundation
import PostgresStore
import StateStore
import TestSupport

/// A store backend the contract tests run against.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgresql

    var description: String { rawValue }

    /// A store of this backend, empty, and how to open it again (a reader, another instance).
    struct Opened: Sendable {
        let store: any Store
        let reopen: @Sendable () async throws -> any Store
    }

    /// A new empty store; nil (after saying why) when the backend cannot run here.
    func open() async throws -> Opened? {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-contract-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("quotewatch.sqlite").path
            return Opened(store: try SQLiteStore(path: path), reopen: { try SQLiteStore(path: path) })
        case .postgresql:
            // initdb, pg_ctl and createdb block: off the cooperative pool, which the store's
            // connection pool needs to run on.
            let url: String? = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    guard let server = PostgresServer.shared else { return continuation.resume(returning: nil) }
                    continuation.resume(with: Result { try server.database() })
                }
            }
            guard let url else {
                print("skipped (postgresql): \(PostgresServer.skipReason ?? "")")
                return nil
            }
            return Opened(store: try await PostgresStore.open(url), reopen: { try await PostgresStore.open(url) })
        }
    }
}
