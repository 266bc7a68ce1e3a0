import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A stand-in for systemd's notification socket: a datagram socket a test binds and passes to the
/// daemon as `NOTIFY_SOCKET`, collecting each datagram (`READY=1`, `STATUS=...`) as it arrives.
public final class NotifySocket: Sendable {
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The value for `NOTIFY_SOCKET`: `@name` for an abstract address, else the socket's path.
    public let address: String
    private let descriptor: Int32
    private struct State {
        var received: [String] = []
        var stopped = false
    }
    private let state = Mutex(State())
    private let done = DispatchSemaphore(value: 0)

    /// Binds an abstract address (`abstract`) or a socket file `notify.sock` in `folder`.
    public init(abstract: Bool, folder: URL) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes: [UInt8]
        if abstract {
            let name = "qw-notify-\(UUID().uuidString)"
            self.address = "@" + name
            bytes = [0] + Array(name.utf8)
        } else {
            self.address = folder.appendingPathComponent("notify.sock").path
            bytes = Array(self.address.utf8)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            close(fd)
            throw StartError(description: "bind \(self.address): errno \(errno)")
        }
        descriptor = fd
        Thread { [self] in receiveLoop() }.start()
    }

    deinit { stop() }

    /// Every datagram so far, in order.
    public var messages: [String] { state.withLock { $0.received } }

    /// Waits until a datagram contains `needle`, at most `timeout` seconds.
    public func wait(for needle: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if messages.contains(where: { $0.contains(needle) }) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return messages.contains { $0.contains(needle) }
    }

    /// Stops receiving and closes the socket (removing its file, if any).
    public func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        done.wait()
        close(descriptor)
        if !address.hasPrefix("@") { unlink(address) }
    }

    private func receiveLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !state.withLock({ $0.stopped }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                state.withLock { $0.received.append(text) }
            }
        }
        done.signal()
    }
}
