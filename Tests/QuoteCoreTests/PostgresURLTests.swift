import Foundation
import QuoteCore
import Testing

/// `database` as a PostgreSQL URL (DESIGN §7): its parts, the password from the environment or the
/// password file, never from the URL.
@Suite struct PostgresURLTests {
    @Test func partsAndDefaults() throws {
        let url = try PostgresURL.parse("postgresql://quotewatch@db.example.org:5433/news?sslmode=require").get()
        #expect(url.host == "db.example.org" && url.port == 5433 && url.user == "quotewatch" && url.database == "news" && url.sslMode == "require")
        #expect(url.password == nil)
        #expect(url.description == "postgresql://quotewatch@db.example.org:5433/news")
        let local = try PostgresURL.parse("postgres://qw@127.0.0.1/", environment: ["PGPASSWORD": "pw"]).get()
        #expect(local.port == 5432 && local.database == "qw" && local.sslMode == "disable" && local.password == "pw")
        #expect(try PostgresURL.parse("postgresql://qw@db.example.org/x").get().sslMode == "prefer")
        #expect(PostgresURL.isPostgres("postgresql://x") && !PostgresURL.isPostgres("quotewatch.sqlite"))
    }

    @Test func thePasswordFileMatchesHostPortDatabaseAndUser() throws {
        let pgpass = """
            # comment
            other.example.org:5432:*:qw:wrong
            db.example.org:5432:news:qw:s3cr\\:et
            *:*:*:*:fallback
            """
        #expect(try PostgresURL.parse("postgresql://qw@db.example.org/news", pgpass: pgpass).get().password == "s3cr:et")
        #expect(try PostgresURL.parse("postgresql://qw@db.example.org/other", pgpass: pgpass).get().password == "fallback")
        #expect(try PostgresURL.parse("postgresql://qw@db.example.org/news", environment: ["PGPASSWORD": "env"], pgpass: pgpass).get().password == "env")
    }

    @Test(arguments: [
        ("postgresql://qw:secret@db/x", "holds a password"), ("postgresql:///x", "names no host"),
        ("postgresql://qw@db/x?sslmode=maybe", "sslmode=maybe"), ("postgresql://qw@db/x?timeout=3", "timeout: not a parameter"),
    ])
    func refused(_ text: String, _ reason: String) {
        guard case .failure(let error) = PostgresURL.parse(text) else {
            Issue.record("\(text) accepted")
            return
        }
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test func theConfigurationKeepsTheURLAndNamesItsFault() throws {
        let config = try ConfigLoader.load(Data(#"{"database": "postgresql://qw@db.example.org/news", "feeds": []}"#.utf8), source: "f", configDirectory: "/etc/qw")
        #expect(config.databasePath == "postgresql://qw@db.example.org/news" && config.isSharedStore)
        do {
            _ = try ConfigLoader.load(Data(#"{"database": "postgresql://qw:pw@db/news", "feeds": []}"#.utf8), source: "f", configDirectory: "/")
            Issue.record("a password in the URL was accepted")
        } catch {
            #expect(error.issues.map(\.description).first?.hasPrefix("database: the URL holds a password") == true, "\(error.issues)")
        }
    }
}
