import Foundation
import Testing

/// The unit installed as a user installs it (the binary in /usr/local/bin, the unit, the config in
/// /etc/quotewatch) and run by a real systemd, PID 1 of its own PID and mount namespace as DESIGN
/// §10 says: private tmpfs on /tmp, /var/tmp, /run, /var/lib/private and /var/log/journal (its boot
/// empties /tmp otherwise), and /etc and /usr/local/bin overlaid on a tmpfs so that the machine's
/// own are untouched. Skipped, with the reason, where the namespace cannot be made.
@Suite(.serialized) struct InstalledServiceTests {
    static let systemd = "/usr/lib/systemd/systemd"

    static var skipReason: String? {
        if getuid() != 0 { return "needs root (a PID and mount namespace)" }
        if !FileManager.default.isExecutableFile(atPath: systemd) { return "\(systemd) is not installed" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") { return "unshare is not installed" }
        return nil
    }

    /// A systemd in its namespace, and commands run inside it.
    final class Machine {
        let unshare = Process()
        var pid: Int32 = 0

        init() throws {
            for folder in ["/var/lib/private", "/var/log/journal", "/usr/local/bin"] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let mounts = """
                mount -t tmpfs tmpfs /tmp && mount -t tmpfs tmpfs /var/tmp && mount -t tmpfs tmpfs /run && \
                mount -t tmpfs -o mode=0700 tmpfs /var/lib/private && mount -t tmpfs tmpfs /var/log/journal && \
                mkdir -p /run/overlay && mount -t tmpfs tmpfs /run/overlay && \
                mkdir -p /run/overlay/etc /run/overlay/etc-work /run/overlay/bin /run/overlay/bin-work && \
                mount -t overlay overlay -o lowerdir=/etc,upperdir=/run/overlay/etc,workdir=/run/overlay/etc-work /etc && \
                mount -t overlay overlay -o lowerdir=/usr/local/bin,upperdir=/run/overlay/bin,workdir=/run/overlay/bin-work /usr/local/bin && \
                exec \(InstalledServiceTests.systemd) --system --unit=basic.target
                """
            unshare.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            unshare.arguments = ["--pid", "--fork", "--mount", "--mount-proc", "bash", "-c", mounts]
            unshare.standardOutput = FileHandle.nullDevice
            unshare.standardError = FileHandle.nullDevice
            try unshare.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if pid == 0, let text = try? String(contentsOfFile: "/proc/\(unshare.processIdentifier)/task/\(unshare.processIdentifier)/children", encoding: .utf8),
                   let child = text.split(separator: " ").first.flatMap({ Int32($0) }) {
                    pid = child
                }
                if pid != 0 {
                    let state = try shell("systemctl is-system-running").stdout
                    if state.hasPrefix("running") || state.hasPrefix("degraded") { return }
                }
                usleep(200_000)
            }
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "systemd did not come up in its namespace"])
        }

        /// Runs `command` with sh inside the namespace.
        @discardableResult
        func shell(_ command: String) throws -> CLI.Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
            process.arguments = ["-t", String(pid), "-m", "-p", "sh", "-c", command]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CLI.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
        }

        func property(_ name: String) throws -> String {
            try shell("systemctl show quotewatch -p \(name) --value").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Waits until `condition` holds, up to `seconds`.
        func wait(_ seconds: Double, until condition: () throws -> Bool) rethrows -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try condition() { return true }
                usleep(250_000)
            }
            return try condition()
        }

        deinit {
            if pid != 0 { kill(pid, SIGKILL) }
            unshare.waitUntilExit()
        }
    }

    /// The example configuration with its local feed only, pointing at the installed copy.
    static func installedConfig(feedPath: String) throws -> Data {
        let example = try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("feeds.json"))) as? [String: Any] ?? [:]
        let statements = example["statements"] ?? []
        let config: [String: Any] = [
            "refreshInterval": "5m",
            "feeds": [["id": "nato-example", "url": feedPath]],
            "statements": statements,
        ]
        return try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
    }

    @Test(.enabled(if: skipReason == nil, "\(skipReason ?? "")"))
    func installedServiceUnderRealSystemd() throws {
        // Files the namespace can read: /tmp is its own there.
        let staging = CLI.repositoryRoot.appendingPathComponent(".build/installed-service-\(getpid())")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        try Self.installedConfig(feedPath: "/etc/quotewatch/nato-ministers.xml").write(to: staging.appendingPathComponent("feeds.json"))
        try Data("{ \"feeds\": [ broken".utf8).write(to: staging.appendingPathComponent("broken.json"))
        // A watchdog the test can wait for, and a quick restart.
        try Data("[Service]\nWatchdogSec=4s\nRestartSec=1s\n".utf8).write(to: staging.appendingPathComponent("test.conf"))

        let machine = try Machine()
        let install = try machine.shell("""
            set -e
            install -m 0755 \(CLI.binary.path) /usr/local/bin/quotewatch
            mkdir -p /etc/quotewatch /run/systemd/system/quotewatch.service.d
            cp \(staging.path)/feeds.json /etc/quotewatch/feeds.json
            cp \(CLI.repositoryRoot.path)/Examples/feeds/nato-ministers.xml /etc/quotewatch/
            cp \(CLI.repositoryRoot.path)/systemd/quotewatch.service /run/systemd/system/
            cp \(staging.path)/test.conf /run/systemd/system/quotewatch.service.d/
            systemctl daemon-reload
            systemctl start quotewatch
            """)
        #expect(install.status == 0, "\(install.stderr)")

        // 1. Started, and its first cycle found the example's quotes.
        #expect(try machine.property("ActiveState") == "active")
        let cycled = try machine.wait(20) { try machine.shell("journalctl -u quotewatch -o cat --no-pager").stdout.contains("cycle done") }
        #expect(cycled)

        // 2. The journal at notice holds the daemon's events, warnings and errors only: what the
        // process logs at notice exactly is events, one per line; nothing of the runtime's.
        let notice = try machine.shell("journalctl -u quotewatch -p notice -o cat --no-pager").stdout
        #expect(notice.contains("quote.new"), "\(notice)")
        for marker in ["thread priority", "Backtrac", "executable stack", "Fatal error"] {
            #expect(!notice.contains(marker), "\(notice)")
        }
        let notices = try machine.shell("journalctl -u quotewatch -p notice..notice -o cat --no-pager _COMM=quotewatch").stdout
        for line in notices.split(separator: "\n") {
            #expect(line.range(of: #"^[a-z]+\.[a-z]+ "#, options: .regularExpression) != nil, "not an event at notice: \(line)")
        }

        // 3. `events` with no flags reads the installed store.
        let events = try machine.shell("cd / && quotewatch events")
        #expect(events.status == 0, "\(events.stderr)")
        #expect(events.stdout.contains("quote.new"), "\(events.stdout)")

        // 4. `refresh --wait` with no flags finds the installed socket.
        let refresh = try machine.shell("cd / && quotewatch refresh --wait")
        #expect(refresh.status == 0, "\(refresh.stderr)")
        #expect(refresh.stdout.contains("done:"), "\(refresh.stdout)")

        let status = try machine.shell("cd / && quotewatch status").stdout
        #expect(status.hasPrefix("daemon: running (/run/quotewatch/quotewatch.sock)"), "\(status)")

        // 5. A broken configuration is refused on reload (the old one stays), a good one is taken.
        let pidBefore = try machine.property("MainPID")
        try machine.shell("cp \(staging.path)/broken.json /etc/quotewatch/feeds.json && systemctl reload quotewatch")
        #expect(try machine.wait(10) { try machine.shell("journalctl -u quotewatch -p err -o cat --no-pager").stdout.contains("feeds.json") })
        #expect(try machine.property("ActiveState") == "active")
        #expect(try machine.property("MainPID") == pidBefore)
        let readWhileBroken = try machine.shell("cd / && quotewatch events")
        #expect(readWhileBroken.status == 0 && readWhileBroken.stderr.contains("warning"), "\(readWhileBroken.stderr)")
        try machine.shell("cp \(staging.path)/feeds.json /etc/quotewatch/feeds.json && systemctl reload quotewatch")
        #expect(try machine.wait(10) { try machine.shell("journalctl -u quotewatch -o cat --no-pager").stdout.contains("configuration reloaded") })
        #expect(try machine.property("ActiveState") == "active")

        // 6. A frozen daemon is killed by the watchdog and restarted, with a clean record.
        try machine.shell("kill -STOP \(pidBefore)")
        let restarted = try machine.wait(30) {
            let pid = try machine.property("MainPID")
            let state = try machine.property("ActiveState")
            return pid != pidBefore && pid != "0" && state == "active"
        }
        #expect(restarted)
        let journal = try machine.shell("journalctl -u quotewatch -o cat --no-pager").stdout
        #expect(journal.contains("Watchdog timeout"), "\(journal.suffix(2000))")
        #expect(!journal.contains("executable stack"))
        #expect(!journal.contains("Backtrac"))

        // 7. `systemctl stop` within 5 s, result success.
        let start = Date()
        try machine.shell("systemctl stop quotewatch")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(try machine.property("Result") == "success")
        #expect(try machine.property("ActiveState") == "inactive")
    }
}
