import Foundation
import Synchronization

/// Runs the built `quotewatch` binary, as a user would, and captures what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built beside the test bundle (`.build/<configuration>/quotewatch`).
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("quotewatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path), !candidate.hasDirectoryPath { return candidate }
            folder.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/quotewatch")
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        process.environment = childEnvironment(environment)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A temporary folder with the bundled example config and feed, for runs that write a database.
    static func exampleFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Examples/feeds"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Examples/feeds/nato-ministers.xml"),
                                         to: folder.appendingPathComponent("Examples/feeds/nato-ministers.xml"))
        // The example feed only: the real feeds need a network this test must not use.
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("feeds.json"))) as? [String: Any] ?? [:]
        var local = config
        local["feeds"] = (config["feeds"] as? [[String: Any]] ?? []).filter { ($0["id"] as? String) == "nato-example" }
        // No web server: the tests run daemons side by side, and the web tests bind their own ports.
        local.removeValue(forKey: "http")
        try JSONSerialization.data(withJSONObject: local).write(to: folder.appendingPathComponent("feeds.json"))
        return folder
    }

    /// Starts `quotewatch run` in `folder`; its stderr is collected in the returned log.
    static func startDaemon(in folder: URL, environment: [String: String] = [:]) throws -> (Process, DaemonLog) {
        try start(["run", "--config", "feeds.json"], in: folder, collecting: \.standardError, environment: environment)
    }

    /// Starts the binary in the background; what it writes to `stream` is collected in the log.
    /// `environment` adds to (or replaces in) the test's own environment.
    static func start(
        _ arguments: [String], in folder: URL, collecting stream: ReferenceWritableKeyPath<Process, Any?>, environment: [String: String] = [:]
    ) throws -> (Process, DaemonLog) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = childEnvironment(environment)
        let log = DaemonLog()
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        process[keyPath: stream] = pipe
        try process.run()
        return (process, log)
    }

    /// The test's environment without what systemd would set (so the binary behaves as run by
    /// hand), with `environment` added.
    static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["JOURNAL_STREAM", "NOTIFY_SOCKET", "CONFIGURATION_DIRECTORY", "STATE_DIRECTORY", "RUNTIME_DIRECTORY", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            env.removeValue(forKey: key)
        }
        for (key, value) in environment { env[key] = value }
        return env
    }

    /// SQLite's `PRAGMA integrity_check` of a database ("ok" when intact), through python3's sqlite3.
    static func integrity(_ path: String) throws -> String {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", path]
        let out = Pipe()
        check.standardOutput = out
        try check.run()
        check.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The `feed.failed` events by feed, with their error.
    static func failures(_ events: [[String: Any]]) -> [String: String] {
        Dictionary(events.filter { $0["type"] as? String == "feed.failed" }.map { ($0["feed"] as? String ?? "", $0["error"] as? String ?? "") }) { a, _ in a }
    }

    static func json(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}

/// What a daemon started by a test wrote to stderr, collected as it arrives.
final class DaemonLog: Sendable {
    private let data = Mutex(Data())

    func append(_ chunk: Data) {
        data.withLock { $0 += chunk }
    }

    var text: String {
        data.withLock { String(decoding: $0, as: UTF8.self) }
    }

    /// Waits until the log contains `needle`, at most `timeout` seconds.
    func wait(for needle: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return text.contains(needle)
    }
}
