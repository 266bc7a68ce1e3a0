import Foundation
import QuoteCore
import QuoteDaemon
import Testing

/// Where the commands find the configuration, the store and the socket (DESIGN §3).
struct ConfigFileTests {
    @Test func theInstalledConfigurationIsTheLastResortAndBringsTheServicesDirectories() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-configfile-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let installed = folder.appendingPathComponent("installed.json").path
        let local = folder.appendingPathComponent("feeds.json").path
        // Neither exists: ./feeds.json (the error names it).
        #expect(ConfigFile.path(explicit: nil, environment: [:], installedPath: installed, workingDirectory: folder.path) == local)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: installed))
        #expect(ConfigFile.path(explicit: nil, environment: [:], installedPath: installed, workingDirectory: folder.path) == installed)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: local))
        #expect(ConfigFile.path(explicit: nil, environment: [:], installedPath: installed, workingDirectory: folder.path) == local)
        #expect(ConfigFile.path(explicit: nil, environment: ["CONFIGURATION_DIRECTORY": "/etc/x"], installedPath: installed, workingDirectory: folder.path) == "/etc/x/feeds.json")

        let environment = ConfigFile.environment(for: ConfigFile.installedPath, [:])
        #expect(environment["STATE_DIRECTORY"] == "/var/lib/quotewatch")
        #expect(environment["RUNTIME_DIRECTORY"] == "/run/quotewatch")
        #expect(ConfigFile.environment(for: ConfigFile.installedPath, ["RUNTIME_DIRECTORY": "/run/other"])["RUNTIME_DIRECTORY"] == "/run/other")
        #expect(ConfigFile.environment(for: local, [:]).isEmpty)
    }

    @Test func aConfigurationWithErrorsStillFindsItsStoreForReading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-configfile-read-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("feeds.json").path
        try Data(#"{"database": "state/qw.sqlite", "feeds": [{"id": "a"}], "refreshInterval": "soon"}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: DaemonError.self) { try ConfigFile.load(path, environment: [:]) }
        var warnings: [String] = []
        let config = try ConfigFile.loadForReading(path, environment: [:]) { warnings.append($0) }
        #expect(config.databasePath == folder.appendingPathComponent("state/qw.sqlite").path)
        #expect(config.feeds.isEmpty)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("quotewatch check") == true)
        // Not JSON at all: the default store beside it.
        try Data("{ nope".utf8).write(to: URL(fileURLWithPath: path))
        let fallback = try ConfigFile.loadForReading(path, environment: [:]) { _ in }
        #expect(fallback.databasePath == folder.appendingPathComponent("quotewatch.sqlite").path)
    }
}
