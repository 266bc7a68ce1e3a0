import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for the fetcher tests, scriptable per path
/// with ``TestRoute``. One thread accepts; each connection gets its own thread and keep-alive loop.
/// Unknown paths get a 404.
public final class TestHTTPServer: Sendable {
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: UInt16
    private let listener: Int32
    /// What the accepting thread, the connections' threads and the test share.
    private struct State {
        var routes: [String: TestRoute] = [:]
        var received: [TestRequest] = []
        var open: Set<Int32> = []
        var accepted = 0
        var mostOpen = 0
        var stopped = false
    }
    private let state = Mutex(State())

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket: errno \(errno)") }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw StartError(description: "bind/listen: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw StartError(description: "getsockname: errno \(errno)")
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT` + `path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Scripts the answer for `path`.
    public func route(_ path: String, _ route: TestRoute) { state.withLock { $0.routes[path] = route } }

    /// Every request received so far, in order.
    public var requests: [TestRequest] { state.withLock { $0.received } }

    /// How many connections were accepted in all.
    public var connectionsAccepted: Int { state.withLock { $0.accepted } }

    /// The most connections open at the same time.
    public var mostConnectionsOpen: Int { state.withLock { $0.mostOpen } }

    /// Stops accepting and drops every open connection.
    public func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            _ = shutdown(listener, Int32(SHUT_RDWR))
            for fd in state.open { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    // MARK: - Threads

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                break
            }
            let keep = state.withLock { state in
                if state.stopped { return false }
                state.accepted += 1
                state.open.insert(fd)
                state.mostOpen = max(state.mostOpen, state.open.count)
                return true
            }
            guard keep else {
                close(fd)
                break
            }
            Thread { [self] in serve(fd) }.start()
        }
        close(listener)
    }

    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        while let request = readRequest(fd, &buffer) {
            let route = state.withLock { state in
                state.received.append(request)
                return state.routes[request.path] ?? TestRoute(status: 404, body: Array("not found\n".utf8))
            }
            if !answer(fd, request, route) { break }
        }
        state.withLock { _ = $0.open.remove(fd) }
        close(fd)
    }

    /// Reads one request head; `nil` when the peer closed or the socket failed.
    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> TestRequest? {
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let range = firstRange(of: end, in: buffer) {
                let head = String(decoding: buffer[..<range.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<range.upperBound)
                var lines = head.components(separatedBy: "\r\n")
                let requestLine = lines.removeFirst().split(separator: " ")
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    let name = line[..<colon].lowercased()
                    headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = headers["content-length"].flatMap { Int($0) } ?? 0
                while buffer.count < length {
                    guard receive(fd, into: &buffer) else { return nil }
                }
                let body = Array(buffer[..<length])
                buffer.removeSubrange(..<length)
                return TestRequest(
                    method: requestLine.first.map(String.init) ?? "",
                    path: requestLine.count > 1 ? String(requestLine[1]) : "/", headers: headers, body: body)
            }
            guard receive(fd, into: &buffer) else { return nil }
        }
    }

    /// Appends what the peer sent next; false when it closed or the socket failed.
    private func receive(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer += chunk[..<count]
            return true
        }
    }

    private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start..<start + needle.count
        }
        return nil
    }

    /// Sends the scripted answer; `false` when the connection must close afterwards.
    private func answer(_ fd: Int32, _ request: TestRequest, _ route: TestRoute) -> Bool {
        var status = route.status
        var headers = route.headers
        var body = route.body
        if let etag = route.etag {
            headers.append(("ETag", etag))
            if request.headers["if-none-match"] == etag { status = 304 }
        }
        if let lastModified = route.lastModified {
            headers.append(("Last-Modified", lastModified))
            if request.headers["if-none-match"] == nil, request.headers["if-modified-since"] == lastModified {
                status = 304
            }
        }
        if status == 304 { body = [] }
        if route.gzip, status != 304, request.headers["accept-encoding"]?.contains("gzip") == true {
            body = Gzip.wrap(body)
            headers.append(("Content-Encoding", "gzip"))
        }

        switch route.behavior {
        case .neverAnswer:
            var sink = [UInt8](repeating: 0, count: 1024)
            while sink.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {}
            return false
        case .delay(let seconds):
            Thread.sleep(forTimeInterval: seconds)
        default:
            break
        }

        let closeDelimited: Bool
        if case .closeDelimited = route.behavior { closeDelimited = true } else { closeDelimited = false }
        var head = "HTTP/1.1 \(status) \(TestHTTPServer.reason(status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += closeDelimited ? "Connection: close\r\n\r\n" : "Content-Length: \(body.count)\r\n\r\n"

        switch route.behavior {
        case .trickle(let interval):
            guard send(fd, Array(head.utf8)) else { return false }
            for byte in body {
                Thread.sleep(forTimeInterval: interval)
                guard send(fd, [byte]) else { return false }
            }
            return true
        case .resetAfter(let bytes):
            _ = send(fd, Array(head.utf8) + body.prefix(bytes))
            Thread.sleep(forTimeInterval: 0.1)
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            return false
        case .closeDelimited:
            _ = send(fd, Array(head.utf8) + body)
            return false
        default:
            return send(fd, Array(head.utf8) + body)
        }
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
