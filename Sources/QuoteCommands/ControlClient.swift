import Foundation
import QuoteDaemon
import QuoteCore

#if canImport(Glibc)
    import Glibc
#endif

/// The client end of the control socket, for `quotewatch refresh`: sends JSON request lines and
/// reads the daemon's JSON answer lines.
public final class ControlClient {
    /// The longest answer line read (the daemon's are far shorter).
    static let maxAnswerBytes = 1 << 20

    public let path: String
    private let socket: UnixSocket
    private var buffer: [UInt8] = []

    /// Connects to the daemon listening at `path`.
    /// - Throws: ``DaemonError`` (exit 1) saying that no daemon is running when nothing listens there.
    public init(path: String) throws(DaemonError) {
        self.path = path
        do {
            socket = try UnixSocket.connect(to: path)
        } catch {
            switch error.code {
            case ENOENT?, ECONNREFUSED?, ENOTDIR?:
                throw DaemonError("no quotewatch daemon is running: nothing listens on \(path)")
            case EACCES?, EPERM?:
                throw DaemonError("cannot reach the daemon at \(path): permission denied; run as root or as the daemon's user")
            default:
                throw DaemonError("cannot reach the daemon at \(path): \(error)")
            }
        }
    }

    /// Sends one request line.
    public func send(_ request: JSONValue) throws(DaemonError) {
        do {
            try socket.sendLine(request.rendered)
        } catch {
            throw DaemonError("the daemon at \(path) closed the connection: \(error)")
        }
    }

    /// The next answer line, waiting at most `timeout` seconds (nil: no limit); nil when the daemon
    /// closed the connection.
    public func next(timeout: Double?) throws(DaemonError) -> ControlAnswer? {
        let line: [UInt8]?
        do {
            line = try socket.readLine(buffer: &buffer, limit: ControlClient.maxAnswerBytes, timeout: timeout)
        } catch {
            if error.kind == .timedOut { throw DaemonError("the daemon at \(path) did not answer within \(Int(timeout ?? 0)) s", exitCode: 2) }
            throw DaemonError("cannot read the daemon's answer: \(error)", exitCode: 2)
        }
        guard let line else { return nil }
        do {
            return try JSONDecoder().decode(ControlAnswer.self, from: Data(line))
        } catch {
            throw DaemonError("the daemon at \(path) answered a line this quotewatch cannot read: \(String(decoding: line.prefix(200), as: UTF8.self))", exitCode: 2)
        }
    }
}
