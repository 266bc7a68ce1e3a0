import Foundation
import QuoteCore

/// Finds and reads feeds.json (DESIGN §3): `--config`, else `$CONFIGURATION_DIRECTORY/feeds.json`
/// (systemd), else `./feeds.json`, else the installed `/etc/quotewatch/feeds.json`.
///
/// With the installed configuration, a command run by hand (`sudo quotewatch events`) reads the
/// installed service's store and talks to its socket, as if systemd had set `$STATE_DIRECTORY` and
/// `$RUNTIME_DIRECTORY` for it.
public enum ConfigFile {
    /// The configuration `make install` puts in place.
    public static let installedPath = "/etc/quotewatch/feeds.json"
    /// The unit's `StateDirectory=` and `RuntimeDirectory=` (systemd links the first to
    /// /var/lib/private/quotewatch under `DynamicUser=yes`).
    public static let installedStateDirectory = "/var/lib/quotewatch"
    public static let installedRuntimeDirectory = "/run/quotewatch"

    /// The path the configuration is read from.
    public static func path(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            installedPath: String = installedPath,
                            workingDirectory cwd: String = FileManager.default.currentDirectoryPath) -> String {
        if let explicit { return ConfigLoader.absolutePath(explicit, relativeTo: cwd) }
        if let directory = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first {
            return ConfigLoader.absolutePath("feeds.json", relativeTo: String(directory))
        }
        let local = ConfigLoader.absolutePath("feeds.json", relativeTo: cwd)
        if !FileManager.default.fileExists(atPath: local) && FileManager.default.fileExists(atPath: installedPath) { return installedPath }
        return local
    }

    /// The environment the configuration at `path` is read in: the process's, plus the installed
    /// service's state and runtime directories when `path` is the installed configuration and
    /// systemd did not set them.
    public static func environment(for path: String, _ environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        guard path == installedPath else { return environment }
        var result = environment
        if result["STATE_DIRECTORY"] == nil { result["STATE_DIRECTORY"] = installedStateDirectory }
        if result["RUNTIME_DIRECTORY"] == nil { result["RUNTIME_DIRECTORY"] = installedRuntimeDirectory }
        return result
    }

    /// Reads and validates the configuration at `path`.
    /// - Throws: ``DaemonError`` (exit 1) with one line per problem, each naming its JSON path.
    public static func load(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DaemonError) -> Config {
        let data = try read(path)
        let directory = (path as NSString).deletingLastPathComponent
        do {
            return try ConfigLoader.load(data, source: path, configDirectory: directory, stateDirectory: stateDirectory(path, environment))
        } catch {
            throw DaemonError(error.description)
        }
    }

    /// For the read-only commands: the configuration at `path`, or when it has errors, one that
    /// only locates the store (its `database`, else the default), after one warning through `warn`.
    /// - Throws: ``DaemonError`` when the file cannot be read at all.
    public static func loadForReading(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                                      warn: (String) -> Void) throws(DaemonError) -> Config {
        let data = try read(path)
        let directory = (path as NSString).deletingLastPathComponent
        let state = stateDirectory(path, environment)
        do {
            return try ConfigLoader.load(data, source: path, configDirectory: directory, stateDirectory: state)
        } catch {
            var database = ConfigLoader.absolutePath(ConfigLoader.defaultDatabaseName, relativeTo: state ?? directory)
            if let named = (try? JSONValue.parse([UInt8](data)))?["database"]?.stringValue,
               !named.trimmingCharacters(in: .whitespaces).isEmpty {
                database = ConfigLoader.absolutePath(named, relativeTo: directory)
            }
            let problems = error.issues.count
            warn("warning: \(path) has \(problems == 1 ? "an error" : "\(problems) errors") (see quotewatch check); reading the store \(database) anyway")
            return Config(refreshInterval: 900, databasePath: database, feeds: [], statements: [])
        }
    }

    /// The file a feed URL names on this machine (a `file://` URL or an absolute path), if any.
    public static func localFile(of url: String) -> String? {
        if url.hasPrefix("file://") { return URL(string: url)?.path }
        return url.hasPrefix("/") ? url : nil
    }

    private static func stateDirectory(_ path: String, _ environment: [String: String]) -> String? {
        Self.environment(for: path, environment)["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
    }

    private static func read(_ path: String) throws(DaemonError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
            // Only a configuration found by default is worth pointing --config elsewhere for.
            let found = path == Self.path(explicit: nil)
            throw DaemonError("configuration \(path) \(reason)" + (found ? "; pass --config FILE or create it (see the README)" : ""))
        }
        return data
    }
}
