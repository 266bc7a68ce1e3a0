import Foundation

#if canImport(Glibc)
    import Glibc
#endif
// With SwiftNIO in the build, `struct stat` is attributed to the Dispatch C module that includes
// <sys/stat.h> first, and member import visibility then asks for that module by name.
#if canImport(CDispatch)
    import CDispatch
#endif

/// An AF_UNIX stream socket that owns its descriptor, for the control socket and its clients.
///
/// The descriptor is closed only when the last reference goes away, never while another thread may
/// still use it (a closed number can be reused at once by another `open`). To wake a thread blocked
/// in ``accept()`` or ``readLine(buffer:limit:timeout:)``, call ``shutdown()`` from any thread.
/// Every C call goes through here and fails as a ``SocketError`` naming the call and the path.
public final class UnixSocket: Sendable {
    /// The longest path a socket address holds (`sun_path` less its terminating NUL).
    public static let maxPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// The path bound or connected to.
    public let path: String
    private let descriptor: Int32

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    private static func make(_ path: String) throws(SocketError) -> UnixSocket {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError.last("socket", path: path) }
        return UnixSocket(descriptor: fd, path: path)
    }

    /// Calls `body` with the socket address of `path`, for the C call named `call`.
    private static func withAddress<T>(_ path: String, for call: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) throws(SocketError) -> T {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count <= maxPathBytes else { throw SocketError(.pathTooLong, call: call, path: path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    /// Binds a new socket at `path` (which must not exist), gives the file `mode`, then listens.
    ///
    /// The mode is set before `listen`, so no client can connect while the file still has the
    /// umask's mode: connecting to a socket that does not listen yet is refused.
    public static func listen(at path: String, mode: mode_t = 0o600, backlog: Int32 = 64) throws(SocketError) -> UnixSocket {
        let socket = try make(path)
        let bound = try withAddress(path, for: "bind") { bind(socket.descriptor, $0, $1) }
        guard bound == 0 else { throw SocketError.last("bind", path: path) }
        guard chmod(path, mode) == 0 else {
            let error = SocketError.last("chmod", path: path)
            unlink(path)
            throw error
        }
        guard Glibc.listen(socket.descriptor, backlog) == 0 else {
            let error = SocketError.last("listen", path: path)
            unlink(path)
            throw error
        }
        return socket
    }

    /// Connects to the socket listening at `path`.
    public static func connect(to path: String) throws(SocketError) -> UnixSocket {
        let socket = try make(path)
        while true {
            let result = try withAddress(path, for: "connect") { Glibc.connect(socket.descriptor, $0, $1) }
            if result == 0 { return socket }
            if errno == EINTR { continue }
            throw SocketError.last("connect", path: path)
        }
    }

    /// The next connection; nil once ``shutdown()`` was called on this listening socket.
    public func accept() throws(SocketError) -> UnixSocket? {
        while true {
            let fd = Glibc.accept(descriptor, nil, nil)
            if fd >= 0 {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                return UnixSocket(descriptor: fd, path: path)
            }
            switch errno {
            case EINTR, ECONNABORTED: continue
            // Linux answers a shut-down listening socket with EINVAL.
            case EINVAL, EBADF: return nil
            default: throw SocketError.last("accept", path: path)
            }
        }
    }

    /// Ends both directions: wakes any thread blocked on this socket, which then sees the end.
    public func shutdown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// How long ``send(_:)`` may wait for a peer that does not read before it fails as timed out.
    public func setSendTimeout(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `bytes`. A peer that hung up is an error (EPIPE), not a SIGPIPE.
    public func send(_ bytes: [UInt8]) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent >= 0 {
                offset += sent
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw SocketError(.timedOut, call: "send", path: path)
            default: throw SocketError.last("send", path: path)
            }
        }
    }

    /// Writes `text` and a line break.
    public func sendLine(_ text: String) throws(SocketError) {
        try send(Array((text + "\n").utf8))
    }

    /// Waits at most `timeout` seconds (nil: without limit) for bytes, and reads what is there
    /// (at most `count`); empty at the end of the stream.
    public func receive(upTo count: Int, timeout: Double?) throws(SocketError) -> [UInt8] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let milliseconds = timeout.map { Int32(min(max(0, $0 * 1000), Double(Int32.max))) } ?? -1
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            if ready < 0 { throw SocketError.last("poll", path: path) }
            if ready == 0 { throw SocketError(.timedOut, call: "receive", path: path) }
            break
        }
        var chunk = [UInt8](repeating: 0, count: count)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received >= 0 { return Array(chunk[0..<received]) }
            if errno == EINTR { continue }
            // A connection reset by the peer ends the stream like a close.
            if errno == ECONNRESET { return [] }
            throw SocketError.last("recv", path: path)
        }
    }

    /// Reads one line, without its line break, from the socket and `buffer` (bytes read past a
    /// line stay there for the next call). nil at the end of the stream with nothing pending; a
    /// last line without a break is returned as a line.
    /// - Throws: ``SocketError`` `.lineTooLong` past `limit` bytes without a break, `.timedOut`
    ///   when no whole line came within `timeout` seconds.
    public func readLine(buffer: inout [UInt8], limit: Int, timeout: Double?) throws(SocketError) -> [UInt8]? {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var scanned = 0
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line.count > limit ? try tooLong(limit) : line
            }
            scanned = buffer.count
            if buffer.count > limit { return try tooLong(limit) }
            let chunk = try receive(upTo: 16_384, timeout: deadline.map { $0.timeIntervalSinceNow })
            if chunk.isEmpty {
                defer { buffer.removeAll() }
                return buffer.isEmpty ? nil : buffer
            }
            buffer += chunk
        }
    }

    private func tooLong(_ limit: Int) throws(SocketError) -> [UInt8] {
        throw SocketError(.lineTooLong(limit: limit), call: "receive", path: path)
    }

    /// The user id of the process at the other end of a connection (`SO_PEERCRED`).
    public func peerUserID() -> uid_t? {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }: Glibc's Swift module does not export it.
        var credentials: (pid_t, uid_t, gid_t) = (0, 0, 0)
        var length = socklen_t(MemoryLayout<(pid_t, uid_t, gid_t)>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        return credentials.1
    }

    /// What `lstat` says of `path` (the link itself, not what it points to): whether it is a socket,
    /// and its inode; nil when nothing is there.
    static func entry(at path: String) -> (isSocket: Bool, inode: ino_t)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT == S_IFSOCK, info.st_ino)
    }
}
