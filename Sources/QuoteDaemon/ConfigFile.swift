import Foundation
import QuoteCore

/// Finds and reads feeds.json (DESIGN §3): `--config`, else `$CONFIGURATION_DIRECTORY/feeds.json`
/// (systemd), else `./feeds.json`.
public enum ConfigFile {
    /// The path the configuration is read from.
    public static func path(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if let explicit { return ConfigLoader.absolutePath(explicit, relativeTo: cwd) }
        if let directory = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first {
            return ConfigLoader.absolutePath("feeds.json", relativeTo: String(directory))
        }
        return ConfigLoader.absolutePath("feeds.json", relativeTo: cwd)
    }

    /// Reads and validates the configuration at `path`.
    /// - Throws: ``DaemonError`` (exit 1) with one line per problem, each naming its JSON path.
    public static func load(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DaemonError) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
            throw DaemonError("configuration \(path) \(reason); pass --config FILE or create it (see the README)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
        do {
            return try ConfigLoader.load(data, source: path, configDirectory: directory, stateDirectory: state)
        } catch {
            throw DaemonError(error.description)
        }
    }
}
