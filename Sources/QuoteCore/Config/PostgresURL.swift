import Foundation

/// A `database` of the form `postgresql://user@host:port/db?sslmode=require` (DESIGN §7), with the
/// password from `PGPASSWORD`, else `~/.pgpass` (libpq's format), never from the configuration.
/// Pure: the caller reads the environment and the password file.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// `sslmode`: `disable` (the default on a loopback host), `prefer`, `require`, `verify-full`.
    public var sslMode: String
    public var password: String?

    /// Whether `text` names a PostgreSQL server rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses the URL; the reason when it is not one, naming the part at fault.
    /// - Parameter pgpass: the text of the password file (`$PGPASSFILE` or `~/.pgpass`), if any.
    public static func parse(_ text: String, environment: [String: String] = [:], pgpass: String? = nil) -> Result<PostgresURL, PostgresURLError> {
        guard isPostgres(text), let components = URLComponents(string: text) else {
            return .failure(PostgresURLError("\"\(text)\" is not a postgresql://user@host:port/database URL"))
        }
        guard let host = components.host, !host.isEmpty else { return .failure(PostgresURLError("\"\(text)\" names no host")) }
        if components.password != nil {
            return .failure(PostgresURLError("the URL holds a password; put it in PGPASSWORD or ~/.pgpass instead, never in the configuration"))
        }
        let user = components.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        var sslMode = ["localhost", "127.0.0.1", "::1"].contains(host) ? "disable" : "prefer"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(value) else {
                    return .failure(PostgresURLError("sslmode=\(item.value ?? ""): not one of disable, prefer, require, verify-ca, verify-full"))
                }
                sslMode = value
            default:
                return .failure(PostgresURLError("\(item.name): not a parameter quotewatch reads (sslmode is)"))
            }
        }
        var url = PostgresURL(host: host, port: components.port ?? 5432, user: user, database: database, sslMode: sslMode, password: nil)
        url.password = environment["PGPASSWORD"] ?? pgpass.flatMap { PostgresURL.password(in: $0, for: url) }
        return .success(url)
    }

    /// The password a `.pgpass` text gives this host, port, database and user:
    /// `hostname:port:database:username:password` lines, `*` matching anything, `\:` a colon.
    static func password(in text: String, for url: PostgresURL) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var current = ""
            var escaped = false
            for character in line {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 4 {
                    fields.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [url.host, String(url.port), url.database, url.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The URL without a password, for messages.
    public var description: String { "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }
}
