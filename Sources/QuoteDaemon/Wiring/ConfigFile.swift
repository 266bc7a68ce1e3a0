import Foundation
import QuoteWeb
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

    /// What the configuration names on this machine that is not there: a local feed file, a hook's
    /// secret or password file or the web's token file that cannot be read, a hook's program that is not an executable
    /// (a bare name is looked up on `PATH`). `check` reports them; the daemon refuses a
    /// configuration whose hooks cannot work.
    public static func problemsOnDisk(
        _ config: Config, feeds: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        let files = FileManager.default
        if feeds {
            for (index, feed) in config.feeds.enumerated() {
                if let path = localFile(of: feed.url), !files.fileExists(atPath: path) {
                    issues.append(ConfigIssue(path: "feeds[\(index)].url", message: "the file \(path) does not exist"))
                }
            }
        }
        func readable(_ path: String?, _ at: String) {
            guard let path else { return }
            if !files.isReadableFile(atPath: path) {
                let reason = files.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
                issues.append(ConfigIssue(path: at, message: "the file \(path) \(reason)"))
            }
        }
        if let token = config.http?.tokenFile {
            readable(token, "http.tokenFile")
            if files.isReadableFile(atPath: token), WebToken.read(token) == nil {
                issues.append(ConfigIssue(path: "http.tokenFile", message: "the file \(token) holds no token (it is empty)"))
            }
        }
        for (index, hook) in config.hooks.enumerated() {
            let at = "hooks[\(index)]"
            switch hook.kind {
            case .url(_, let secret): readable(secret, at + ".secretFile")
            case .email(let email): readable(email.passwordFile, at + ".email.passwordFile")
            case .command(let words):
                if executable(words[0], environment: environment) == nil {
                    issues.append(ConfigIssue(path: at + ".command[0]", message: words[0].contains("/")
                        ? "\(words[0]) is not an executable file" : "no executable \"\(words[0])\" on PATH"))
                }
            }
        }
        return issues
    }

    /// The executable a hook's program names: itself when it holds a slash, else the first match on
    /// `PATH`.
    public static func executable(_ program: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let files = FileManager.default
        if program.contains("/") { return files.isExecutableFile(atPath: program) ? program : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + program
            var directory: ObjCBool = false
            if files.isExecutableFile(atPath: candidate), files.fileExists(atPath: candidate, isDirectory: &directory), !directory.boolValue {
                return candidate
            }
        }
        return nil
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
