import Foundation
import Testing

/// The database on a real file system that fills up, turns read-only, or is locked by another
/// process: the daemon says what is wrong, waits it out, and ends with every event once and an
/// intact store. The file systems are small tmpfs mounts, so these tests need root (CI runs as root);
/// elsewhere they are skipped.
@Suite(.serialized, .enabled(if: Tmpfs.canMount, "needs root to mount a small tmpfs"))
struct StorageFaultTests {
    /// The crash test's workload with its database on a tmpfs of `size` mounted at `db/`.
    static func workload(size: String) throws -> URL {
        let folder = try CrashSafetyTests.workload(feeds: 10, items: 4)
        let db = folder.appendingPathComponent("db")
        try FileManager.default.createDirectory(at: db, withIntermediateDirectories: true)
        try #require(try Tmpfs.command("/bin/mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", db.path) == 0)
        var config = CLI.json(try String(contentsOf: folder.appendingPathComponent("feeds.json"), encoding: .utf8))
        config["database"] = "db/quotewatch.sqlite"
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("feeds.json"))
        return folder
    }

    static func cleanUp(_ folder: URL) {
        _ = try? Tmpfs.command("/bin/umount", folder.appendingPathComponent("db").path)
        try? FileManager.default.removeItem(at: folder)
    }

    /// What an undisturbed run of the same workload stores.
    static func expectedEvents() throws -> [String] {
        let reference = try CrashSafetyTests.workload(feeds: 10, items: 4)
        defer { try? FileManager.default.removeItem(at: reference) }
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: reference).status == 0)
        return try CrashSafetyTests.eventKeys(in: reference).sorted()
    }

    static func waitUntil(_ timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return try condition()
    }

    static func stop(_ daemon: Process) -> Int32 {
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        return daemon.terminationStatus
    }

    @Test func aFullDiskIsWaitedOutAndNothingIsLost() throws {
        let expected = try Self.expectedEvents()
        // Room for a new database and its migrations' log (about 340 KB: the daemon opens it), not
        // for the workload's items: the disk fills while they are written.
        let folder = try Self.workload(size: "400k")
        defer { Self.cleanUp(folder) }
        let (daemon, log) = try CLI.startDaemon(in: folder)
        #expect(log.wait(for: "the disk is full", timeout: 60), "\(log.text)")
        #expect(daemon.isRunning, "\(log.text)")
        #expect(try Tmpfs.command("/bin/mount", "-o", "remount,size=64m", folder.appendingPathComponent("db").path) == 0)
        let done = try Self.waitUntil(90) { try CrashSafetyTests.eventKeys(in: folder).count >= expected.count }
        #expect(done, "\(log.text)")
        #expect(log.wait(for: "database writable again", timeout: 10), "\(log.text)")
        #expect(Self.stop(daemon) == 0)
        #expect(try CrashSafetyTests.eventKeys(in: folder).sorted() == expected)
        #expect(try CLI.integrity(folder.appendingPathComponent("db/quotewatch.sqlite").path) == "ok")
    }

    @Test func aReadOnlyFileSystemIsRefusedClearlyAndLeftIntact() throws {
        let folder = try Self.workload(size: "64m")
        defer { Self.cleanUp(folder) }
        let db = folder.appendingPathComponent("db").path
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder).status == 0)
        let before = try CrashSafetyTests.eventKeys(in: folder)
        #expect(try Tmpfs.command("/bin/mount", "-o", "remount,ro", db) == 0)
        let refused = try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Read-only file system"), "\(refused.stderr)")
        // A reader either reads it or says why it cannot (SQLite may need to write beside a WAL database).
        let status = try CLI.run(["status", "--config", "feeds.json"], in: folder)
        #expect(status.status == 0 || status.stderr.contains("read-only file system"), "\(status.stderr)")
        #expect(try Tmpfs.command("/bin/mount", "-o", "remount,rw", db) == 0)
        #expect(try CrashSafetyTests.eventKeys(in: folder) == before)
        #expect(try CLI.integrity(db + "/quotewatch.sqlite") == "ok")
    }

    /// Another program holds the write lock for `seconds`; returns once it holds it.
    static func holdLock(_ path: String, seconds: Int) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            time.sleep(int(sys.argv[2]))
            db.execute('COMMIT')
            """, path, String(seconds)]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData  // blocks until "locked"
        return holder
    }

    @Test func aDatabaseLockedByAnotherProgramIsWaitedOut() throws {
        let expected = try Self.expectedEvents()
        let folder = try CrashSafetyTests.workload(feeds: 10, items: 4)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("quotewatch.sqlite").path
        // The schema first (a run over no feeds), then another program holds the lock as the daemon starts.
        var config = CLI.json(try String(contentsOf: folder.appendingPathComponent("feeds.json"), encoding: .utf8))
        let feeds = config["feeds"]
        config["feeds"] = []
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("feeds.json"))
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder).status == 0)
        config["feeds"] = feeds
        try JSONSerialization.data(withJSONObject: config).write(to: folder.appendingPathComponent("feeds.json"))
        let first = try Self.holdLock(path, seconds: 7)
        let (daemon, log) = try CLI.startDaemon(in: folder)
        #expect(log.wait(for: "locked by another process", timeout: 30), "\(log.text)")
        first.waitUntilExit()
        #expect(try Self.waitUntil(90) { try CrashSafetyTests.eventKeys(in: folder).count >= expected.count }, "\(log.text)")
        #expect(try CrashSafetyTests.eventKeys(in: folder).sorted() == expected)

        // Locked again while it runs: a new item waits for the lock, then is stored.
        let second = try Self.holdLock(path, seconds: 7)
        let feed = folder.appendingPathComponent("feed0.xml")
        try String(contentsOf: feed, encoding: .utf8).replacingOccurrences(of: "f0-i0", with: "f0-new")
            .write(to: feed, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["refresh", "f0", "--config", "feeds.json"], in: folder).status == 0)
        // The scheduler's line (the start's says "retrying until it can be opened").
        #expect(log.wait(for: "; retrying retry=", timeout: 30), "\(log.text)")
        second.waitUntilExit()
        #expect(log.wait(for: "database writable again", timeout: 90), "\(log.text)")
        #expect(try Self.waitUntil(30) { try CrashSafetyTests.eventKeys(in: folder).contains { $0.contains("f0-new") } }, "\(log.text)")
        #expect(Self.stop(daemon) == 0)
        #expect(try CLI.integrity(path) == "ok")
    }
}
