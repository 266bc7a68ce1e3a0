import Foundation

/// Small tmpfs mounts for the storage fault tests: a real file system that fills up or turns
/// read-only. Mounting needs root.
enum Tmpfs {
    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("qw-mount-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? command("/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path)) == 0 else { return false }
        _ = try? command("/bin/umount", probe.path)
        return true
    }()

    /// Runs mount(8) or umount(8); returns its exit status.
    @discardableResult
    static func command(_ program: String, _ arguments: String...) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
