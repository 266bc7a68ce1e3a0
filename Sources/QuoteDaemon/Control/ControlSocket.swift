import Foundation
import QuoteCore

/// Where the daemon's control socket lives and the limits of its protocol (README, "Control socket").
///
/// The socket is `quotewatch.sock` in `$RUNTIME_DIRECTORY` under systemd, else in the folder of the
/// database (with a PostgreSQL server, of the configuration): the daemon and `quotewatch refresh`
/// find it the same way.
public enum ControlSocket {
    public static let fileName = "quotewatch.sock"

    /// The longest request line the daemon reads; a longer one is answered with an error and the
    /// connection is closed.
    public static let maxRequestBytes = 65_536

    /// The socket's path for a configuration (at `configPath`) whose database is at `databasePath`.
    public static func path(
        databasePath: String, configPath: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let runtime = runtimeDirectory(environment) { return path(runtimeDirectory: runtime) }
        let beside = PostgresURL.isPostgres(databasePath) ? configPath : databasePath
        let folder = (beside as NSString).deletingLastPathComponent
        return ConfigLoader.absolutePath(fileName, relativeTo: folder.isEmpty ? "/" : folder)
    }

    /// The socket's path under systemd, in the service's runtime directory.
    public static func path(runtimeDirectory: String) -> String {
        ConfigLoader.absolutePath(fileName, relativeTo: runtimeDirectory)
    }

    /// The first folder of `$RUNTIME_DIRECTORY` (systemd sets it for `RuntimeDirectory=`), if set.
    public static func runtimeDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let value = environment["RUNTIME_DIRECTORY"], let first = value.split(separator: ":").first else { return nil }
        return String(first)
    }
}
