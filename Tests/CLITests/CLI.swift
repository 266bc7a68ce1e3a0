import Foundation

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
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "JOURNAL_STREAM")
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "CONFIGURATION_DIRECTORY")
        env.removeValue(forKey: "STATE_DIRECTORY")
        env.removeValue(forKey: "RUNTIME_DIRECTORY")
        for (key, value) in environment { env[key] = value }
        process.environment = env
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
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "JOURNAL_STREAM")
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "RUNTIME_DIRECTORY")
        env.removeValue(forKey: "WATCHDOG_USEC")
        env.removeValue(forKey: "WATCHDOG_PID")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let log = DaemonLog()
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        process[keyPath: stream] = pipe
        try process.run()
        return (process, log)
    }

    static func json(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}

/// What a daemon started by a test wrote to stderr, collected as it arrives.
final class DaemonLog: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data += chunk
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
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
