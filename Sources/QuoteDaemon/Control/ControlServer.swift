import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The control socket (README, "Control socket"): a Unix stream socket, mode 0600, through which
/// `quotewatch refresh` asks the running daemon for work. One JSON request per line, JSON lines back.
///
/// The socket is bound in ``init(path:scheduler:config:logger:)``, so the daemon can send READY=1
/// once it exists. ``run()`` accepts on a thread of its own and serves each client on another
/// (at most ``maxConnections`` at once); graceful shutdown closes every connection and removes the
/// socket file.
public final class ControlServer: Service, Sendable {
    /// Clients served at the same time; one more is told so and closed.
    public static let maxConnections = 32
    /// How long a send to a client may wait for it to read before the client is dropped.
    static let sendTimeout = 10.0

    public let path: String
    let scheduler: RefreshScheduler
    let config: ConfigBox
    let logger: Logger
    private let listener: UnixSocket
    /// The socket file's inode, so shutdown removes this socket and not a successor's.
    private let inode: ino_t
    /// The connections being served, and whether ``stop()`` came.
    private struct State {
        var connections: [ObjectIdentifier: ControlConnection] = [:]
        var stopped = false
    }
    private let state = Mutex(State())

    /// Binds the socket at `path`, replacing the socket file a dead daemon left behind.
    /// - Throws: ``DaemonError`` when another daemon listens there, when something other than a
    ///   socket is in the way, or when the socket cannot be made.
    public init(path: String, scheduler: RefreshScheduler, config: ConfigBox, logger: Logger) throws(DaemonError) {
        self.path = path
        self.scheduler = scheduler
        self.config = config
        self.logger = logger
        if let entry = UnixSocket.entry(at: path) {
            guard entry.isSocket else {
                throw DaemonError("\(path) is in the way of the control socket and is not a socket; move it away")
            }
            switch Result(catching: { () throws(SocketError) in try UnixSocket.connect(to: path) }) {
            case .success:
                throw DaemonError("another quotewatch daemon listens on \(path); stop it first, or give this one a database in another folder")
            case .failure(let error) where error.code == ECONNREFUSED:
                break
            case .failure(let error):
                throw DaemonError("cannot tell whether a daemon still listens on \(path): \(error)")
            }
            // Nobody listens: the socket of a daemon that died without removing it.
            unlink(path)
        }
        do {
            listener = try UnixSocket.listen(at: path, mode: 0o600)
        } catch {
            throw DaemonError("cannot create the control socket: \(error)")
        }
        inode = UnixSocket.entry(at: path)?.inode ?? 0
    }

    public func run() async throws {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "quotewatch-control"
        thread.start()
        logger.debug("control socket listening", metadata: ["path": .string(path)])
        // Returns at graceful shutdown, throws at cancellation: either way, stop.
        try? await gracefulShutdown()
        stop()
    }

    /// Closes the socket and every connection, and removes the socket file.
    func stop() {
        let open = state.withLock { state in
            state.stopped = true
            return Array(state.connections.values)
        }
        listener.shutdown()
        for connection in open { connection.stop() }
        if let entry = UnixSocket.entry(at: path), entry.inode == inode { unlink(path) }
    }

    private func acceptLoop() {
        while true {
            let client: UnixSocket?
            do {
                client = try listener.accept()
            } catch {
                if state.withLock({ $0.stopped }) { return }
                // Out of descriptors, most likely: wait for some to close instead of spinning.
                logger.warning("control socket: cannot accept a connection", metadata: ["error": .string(error.description)])
                Thread.sleep(forTimeInterval: 0.2)
                continue
            }
            guard let client else { return }
            admit(client)
        }
    }

    private func admit(_ socket: UnixSocket) {
        socket.setSendTimeout(ControlServer.sendTimeout)
        if let uid = socket.peerUserID(), uid != 0, uid != geteuid() {
            try? socket.sendLine(#"{"ok": false, "error": "permission denied: only root and the daemon's user may use the control socket"}"#)
            return
        }
        let connection = ControlConnection(socket: socket, scheduler: scheduler, config: config, logger: logger)
        let key = ObjectIdentifier(connection)
        let admitted = state.withLock { state in
            guard !state.stopped, state.connections.count < ControlServer.maxConnections else { return false }
            state.connections[key] = connection
            return true
        }
        guard admitted else {
            try? socket.sendLine(#"{"ok": false, "error": "the daemon is busy with too many control connections; try again later"}"#)
            return
        }
        let thread = Thread { [self] in
            connection.serve()
            _ = state.withLock { $0.connections.removeValue(forKey: key) }
        }
        thread.name = "quotewatch-control-client"
        thread.start()
    }
}
