import Foundation
import QuoteCore
import StateStore
import Synchronization
import Testing

/// A fresh database file in its own temporary folder, removed afterwards.
struct TemporaryDatabase: ~Copyable {
    let folder: URL
    var path: String { folder.appendingPathComponent("quotewatch.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }
}

@Suite struct StoreTests {
    let time = Date(timeIntervalSince1970: 1_739_383_500)

    @Test func readingAMissingDatabaseSaysSo() throws {
        let database = try TemporaryDatabase()
        #expect {
            _ = try SQLiteStore(readingFrom: database.path)
        } throws: { error in
            (error as? StoreError)?.kind == .missing && "\(error)".contains("does not exist")
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let database = try TemporaryDatabase()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: database.path))
        #expect {
            _ = try SQLiteStore(path: database.path)
        } throws: { error in
            "\(error)".contains(database.path)
        }
    }

    @Test func aDatabaseFromANewerSchemaIsRefused() async throws {
        let database = try TemporaryDatabase()
        _ = try SQLiteStore(path: database.path)
        // A newer quotewatch would have recorded a migration this build does not know.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v99: future')\"); c.commit()", database.path]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        #expect {
            _ = try SQLiteStore(path: database.path)
        } throws: { error in
            (error as? StoreError)?.kind == .incompatible && "\(error)".contains("newer quotewatch")
        }
    }
}
