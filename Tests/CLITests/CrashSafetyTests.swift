import Foundation
import Testing

/// A daemon killed with SIGKILL at random points of its cycles, 20 times in a row, then restarted,
/// ends with exactly the events of an uninterrupted run: none lost, none repeated, the store intact.
@Suite struct CrashSafetyTests {
    /// A folder with `feeds` feed files of `items` items each, every item quoting tracked statements.
    static func workload(feeds: Int, items: Int) throws -> URL {
        let folder = try CLI.exampleFolder()
        let example = try String(contentsOf: folder.appendingPathComponent("Examples/feeds/nato-ministers.xml"), encoding: .utf8)
        let start = try #require(example.range(of: "<item>")), end = try #require(example.range(of: "</item>"))
        let item = String(example[start.lowerBound..<end.upperBound])
        var config = CLI.json(try String(contentsOf: folder.appendingPathComponent("feeds.json"), encoding: .utf8))
        var feedList: [[String: Any]] = []
        for feed in 0..<feeds {
            let entries = (0..<items).map { index in
                item.replacingOccurrences(of: "example-wire-2025-02-12-hegseth-brussels", with: "f\(feed)-i\(index)")
            }.joined()
            let text = example.replacingOccurrences(of: item, with: entries)
            try Data(text.utf8).write(to: folder.appendingPathComponent("feed\(feed).xml"))
            feedList.append(["id": "f\(feed)", "url": "feed\(feed).xml"])
        }
        config["feeds"] = feedList
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("feeds.json"))
        return folder
    }

    static func eventKeys(in folder: URL) throws -> [String] {
        try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json).map { event in
            [event["type"], event["feed"], event["item"], event["statement"]].map { "\($0 ?? "-")" }.joined(separator: "|")
        }
    }

    @Test func killedAtRandomAndRestartedLosesNothingAndRepeatsNothing() throws {
        let reference = try Self.workload(feeds: 20, items: 4)
        defer { try? FileManager.default.removeItem(at: reference) }
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: reference).status == 0)
        let expected = try Self.eventKeys(in: reference).sorted()
        try #require(expected.count >= 20 * 4 * 4)

        let folder = try Self.workload(feeds: 20, items: 4)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        var killedLogs: [String] = []
        for _ in 0..<20 {
            let (daemon, log) = try CLI.startDaemon(in: folder)
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.8, using: &generator))
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
            killedLogs.append(log.text)
        }
        // A feed whose refresh was cut short is due again at once: one more run completes the work.
        let last = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(last.status == 0)
        let got = try Self.eventKeys(in: folder).sorted()
        #expect(got == expected, "lost: \(Set(expected).subtracting(got).count), extra or repeated: \(got.count - Set(got).count)")

        // The log: every stored event was logged; one logged twice was logged by a daemon killed
        // before it could record so (the one window left: between the write and its record).
        let stored = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json).compactMap { $0["id"] as? Int }
        func loggedIDs(_ text: String) -> [Int] {
            text.split(separator: "\n").compactMap { line in
                guard let match = line.firstMatch(of: #/^\S+ +(?:NOTICE|WARNING) +[a-z.]+ id=(\d+) /#) else { return nil }
                return Int(match.1)
            }
        }
        // A repeat can only be a start logging what a killed daemon had committed and not recorded
        // as logged: before the line that says so, and never twice in one run.
        var seen = Set<Int>()
        for text in killedLogs + [last.stderr] {
            let parts = text.components(separatedBy: "logged the events committed before the last stop")
            let (atStart, after) = parts.count > 1 ? (loggedIDs(parts[0]), loggedIDs(parts.dropFirst().joined())) : ([], loggedIDs(text))
            #expect(after.allSatisfy { !seen.contains($0) }, "an event logged again after the start: \(after.filter(seen.contains))")
            #expect(Set(atStart + after).count == atStart.count + after.count, "an event logged twice by one run")
            seen.formUnion(atStart + after)
        }
        #expect(Set(stored).isSubset(of: seen), "never logged: \(Set(stored).subtracting(seen).sorted())")

        #expect(try CLI.integrity(folder.appendingPathComponent("quotewatch.sqlite").path) == "ok")
    }
}
