import Foundation
import Testing

/// The shipped unit, checked as DESIGN §8 says: `systemd-analyze verify` prints nothing, and
/// `systemd-analyze security` scores it at most 2.0.
@Suite struct SystemdUnitTests {
    static let unit = CLI.repositoryRoot.appendingPathComponent("systemd/quotewatch.service")

    static let analyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A copy of the unit whose ExecStart names the binary just built (verify checks that it exists).
    static func unitWithBuiltBinary() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = try String(contentsOf: unit, encoding: .utf8)
        let copy = folder.appendingPathComponent("quotewatch.service")
        try Data(text.replacingOccurrences(of: "/usr/local/bin/quotewatch", with: CLI.binary.path).utf8).write(to: copy)
        return copy
    }

    static func analyze(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyzer ?? "systemd-analyze")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func unitIsNotifyWithAWatchdog() throws {
        let text = try String(contentsOf: SystemdUnitTests.unit, encoding: .utf8)
        #expect(text.contains("\nType=notify\n"))
        #expect(text.contains("\nWatchdogSec=2min\n"))
        #expect(text.contains("\nRuntimeDirectory=quotewatch\n"))
    }

    @Test(.enabled(if: analyzer != nil, "systemd-analyze is not installed"))
    func verifyPrintsNothing() throws {
        let copy = try SystemdUnitTests.unitWithBuiltBinary()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let result = try SystemdUnitTests.analyze(["verify", copy.path])
        #expect(result.status == 0)
        #expect(result.output.isEmpty, "systemd-analyze verify: \(result.output)")
    }

    @Test(.enabled(if: analyzer != nil, "systemd-analyze is not installed"))
    func securityExposureIsAtMost2() throws {
        let copy = try SystemdUnitTests.unitWithBuiltBinary()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let result = try SystemdUnitTests.analyze(["security", "--offline=true", "--threshold=20", copy.path])
        #expect(result.status == 0, "\(result.output)")
        let marker = "Overall exposure level for quotewatch.service: "
        let line = try #require(result.output.split(separator: "\n").first { $0.contains(marker) }, "\(result.output)")
        let score = Double(line.components(separatedBy: marker).last?.split(separator: " ").first ?? "")
        #expect((score ?? .infinity) <= 2.0, "\(line)")
    }
}
