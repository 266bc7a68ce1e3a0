import Foundation
import Synchronization

/// A real PostgreSQL server for the tests: Debian's `postgresql` binaries, a cluster of its own in
/// a temporary folder (trust authentication, loopback only, a free port), started once per test
/// process and stopped at its exit. Each test takes a database of its own (``database()``).
/// Where the binaries are missing, ``skipReason`` says so and the PostgreSQL tests skip.
public final class PostgresServer: Sendable {
    public let port: Int
    /// Whether the server speaks TLS (openssl made its certificate).
    public let tls: Bool
    let folder: String
    let bin: String
    /// Who runs the server: root cannot, so as root it is the `postgres` account.
    let user: String?
    private let counter = Mutex(0)

    /// The server of this test process, started on first use; nil (with ``skipReason``) where it cannot run.
    public static let shared: PostgresServer? = {
        do {
            return try PostgresServer()
        } catch {
            startError.withLock { $0 = "\(error)" }
            return nil
        }
    }()
    private static let startError = Mutex<String?>(nil)

    /// Why the PostgreSQL tests skip, nil when the server runs.
    public static var skipReason: String? {
        if shared != nil { return nil }
        return "no PostgreSQL server for the tests: " + (startError.withLock { $0 } ?? "unknown") + " (make test installs Debian's postgresql as root)"
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.compactMap(Int.init).max() else { throw Failure(description: "no /usr/lib/postgresql/*/bin/initdb") }
        bin = "/usr/lib/postgresql/\(version)/bin"
        user = getuid() == 0 ? "postgres" : nil
        folder = "/tmp/qw-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let user {
            guard PostgresServer.chownTo(user, folder) else { throw Failure(description: "cannot hand \(folder) to the \(user) account") }
        }
        port = PostgresServer.freePort()
        try PostgresServer.command(bin + "/initdb", ["-D", folder + "/data", "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync"], user: user)
        // A self-signed certificate, so that a client asking for TLS (sslmode=require) gets it.
        var ssl = "off"
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"),
           (try? PostgresServer.command("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                                          "-keyout", folder + "/data/server.key", "-out", folder + "/data/server.crt"], user: user)) != nil {
            ssl = "on"
        }
        tls = ssl == "on"
        // The server pg_ctl leaves running would hold a pipe of ours open: its output goes to its log only.
        do {
            try PostgresServer.command(bin + "/pg_ctl", ["-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "-o",
                                                         "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c ssl=\(ssl)", "start"],
                                       user: user, capture: false)
        } catch {
            let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            throw Failure(description: "\(error)\n\(log)")
        }
        PostgresServer.stopAtExit.withLock { $0.append((bin, folder, user)) }
        atexit {
            for (bin, folder, user) in PostgresServer.stopAtExit.withLock({ $0 }) {
                _ = try? PostgresServer.command(bin + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "stop"], user: user, capture: false)
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }

    private static let stopAtExit = Mutex<[(String, String, String?)]>([])

    /// A new, empty database; its `postgresql://` URL.
    public func database() throws -> String {
        let name = counter.withLock { count in
            count += 1
            return "qw_test_\(getpid())_\(count)"
        }
        try run(bin + "/createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name])
        return "postgresql://postgres@127.0.0.1:\(port)/\(name)"
    }

    /// Runs `sql` in `database` through psql; its output.
    public func psql(_ database: String, _ sql: String) throws -> String {
        let name = String(database.split(separator: "/").last ?? "")
        return try run("/usr/bin/psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql, name])
    }

    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws -> String {
        try PostgresServer.command(program, arguments, user: user)
    }

    @discardableResult
    static func command(_ program: String, _ arguments: [String], user: String?, capture: Bool = true) throws -> String {
        guard capture else {
            // Foundation's Process waits for the server pg_ctl leaves behind as well: through the
            // shell instead, whose end is pg_ctl's (the arguments are this file's own, no quoting needed).
            let words = (user.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + [program] + arguments.map { "'\($0)'" }
            let status = system(words.joined(separator: " ") + " </dev/null >/dev/null 2>&1")
            guard status == 0 else {
                throw Failure(description: "\(program) \(arguments.joined(separator: " ")) failed (status \(status))")
            }
            return ""
        }
        let result = try Subprocess.run(program, arguments, user: user)
        guard result.status == 0 else {
            throw Failure(description: "\(program) \(arguments.joined(separator: " ")) failed: \(result.stderr)\(result.stdout)")
        }
        return result.stdout
    }

    static func chownTo(_ user: String, _ path: String) -> Bool {
        guard let entry = getpwnam(user) else { return false }
        return chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0
    }

    /// A TCP port nothing listens on now (bound to port 0, then released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
