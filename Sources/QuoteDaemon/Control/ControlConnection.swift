import Foundation
import Logging
import QuoteCore
import StateStore
import Synchronization

/// One client of the control socket, served on a thread of its own: reads request lines (at most
/// ``ControlSocket/maxRequestBytes`` each, each within ``requestTimeout``), answers each with JSON
/// lines, and ends at the client's end of stream, on a line too long or too slow, or when the server
/// stops. Nothing a client sends or fails to read can block the daemon or another client: the
/// scheduler only ever pushes progress into a queue this thread drains, and a client that stops
/// reading fails its own sends after ``ControlServer/sendTimeout``.
final class ControlConnection: Sendable {
    /// How long a client may take to send a whole request line (also the idle limit between requests).
    static let requestTimeout = 60.0

    let socket: UnixSocket
    let scheduler: RefreshScheduler
    let config: ConfigBox
    let logger: Logger
    /// Whether ``stop()`` came, and how to end the wait in progress (for the scheduler's progress,
    /// or a store read), if any.
    private struct State {
        var stopped = false
        var interruptWait: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    init(socket: UnixSocket, scheduler: RefreshScheduler, config: ConfigBox, logger: Logger) {
        self.socket = socket
        self.scheduler = scheduler
        self.config = config
        self.logger = logger
    }

    /// Ends the connection from another thread: the serving thread wakes and returns.
    func stop() {
        let interrupt = state.withLock { state in
            state.stopped = true
            return state.interruptWait
        }
        interrupt?()
        socket.shutdown()
    }

    /// Serves requests until the connection ends.
    func serve() {
        var buffer: [UInt8] = []
        while true {
            let line: [UInt8]?
            do {
                line = try socket.readLine(buffer: &buffer, limit: ControlSocket.maxRequestBytes, timeout: ControlConnection.requestTimeout)
            } catch {
                switch error.kind {
                case .lineTooLong(let limit):
                    _ = reply(error: "the request line is longer than \(limit) bytes; closing the connection")
                case .timedOut:
                    _ = reply(error: "no whole request line came within \(Int(ControlConnection.requestTimeout)) s; closing the connection")
                default:
                    logger.debug("control connection failed", metadata: ["error": .string(error.description)])
                }
                return
            }
            guard let line else { return }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard handle(line) else { return }
        }
    }

    /// Answers one request line; false when the connection must end.
    private func handle(_ line: [UInt8]) -> Bool {
        let request: ControlRequest
        do {
            request = try ControlRequest(line: line)
        } catch {
            return reply(error: error.message)
        }
        switch request {
        case .status:
            guard let status = wait(for: { [scheduler, config] in await ControlConnection.status(scheduler, config) }) else { return false }
            return send(status)
        case .refresh(let feeds, let wait):
            return refresh(feeds, wait: wait)
        }
    }

    private func refresh(_ feeds: [String]?, wait: Bool) -> Bool {
        let queue = wait ? BlockingQueue<RefreshProgress>() : nil
        var observer: (@Sendable (RefreshProgress) -> Void)?
        if let queue { observer = { queue.push($0) } }
        let accepted: [String]
        do {
            accepted = try scheduler.requestRefresh(feeds, observer: observer)
        } catch {
            return reply(error: error.message)
        }
        logger.info("refresh requested", metadata: ["feeds": .stringConvertible(accepted.count), "wait": .stringConvertible(wait)])
        guard send(.object([("ok", .bool(true)), ("accepted", .array(accepted.map { .string($0) }))])) else {
            queue?.close()
            return false
        }
        guard let queue else { return true }
        guard begin(interruption: { queue.close() }) else { return false }
        defer {
            end()
            queue.close()
        }
        var tally = ["ok": 0, "not-modified": 0, "failed": 0, "cancelled": 0, "skipped": 0]
        var items = 0
        var events = 0
        while let progress = queue.pop() {
            let line: JSONValue
            switch progress {
            case .fetching(let feed):
                line = .object([("feed", .string(feed)), ("state", .string("fetching"))])
            case .finished(let outcome):
                let result = ControlConnection.resultName(outcome.result)
                tally[result, default: 0] += 1
                items += outcome.itemsProcessed
                events += outcome.events.count
                line = .object([
                    ("feed", .string(outcome.feedID)), ("state", .string("done")), ("result", .string(result)),
                    ("items", .int(outcome.itemsProcessed)), ("events", .int(outcome.events.count)), ("error", .string(outcome.error)),
                ])
            case .skipped(let feed, let reason):
                tally["skipped", default: 0] += 1
                line = .object([
                    ("feed", .string(feed)), ("state", .string("done")), ("result", .string("skipped")),
                    ("items", .int(0)), ("events", .int(0)), ("error", .string(reason)),
                ])
            case .done:
                let results: [(String, JSONValue)] = ["ok", "not-modified", "failed", "cancelled", "skipped"].map { ($0, .int(tally[$0])) }
                return send(.object([
                    ("done", .bool(true)), ("feeds", .int(accepted.count)), ("results", .object(results)),
                    ("items", .int(items)), ("events", .int(events)),
                ]))
            }
            guard send(line) else { return false }
        }
        _ = reply(error: "the daemon is stopping; the refresh did not finish")
        return false
    }

    /// Runs `body` on Swift's tasks and waits for its value on this thread; nil when stopped first.
    private func wait<T: Sendable>(for body: @escaping @Sendable () async -> T) -> T? {
        let queue = BlockingQueue<T>()
        guard begin(interruption: { queue.close() }) else { return nil }
        defer { end() }
        Task { queue.push(await body()) }
        return queue.pop()
    }

    /// Registers how to end the coming wait; false when the connection is already stopped.
    private func begin(interruption: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { state in
            if state.stopped { return false }
            state.interruptWait = interruption
            return true
        }
    }

    private func end() {
        state.withLock { $0.interruptWait = nil }
    }

    /// Sends one JSON line; false when the client is gone or does not read.
    private func send(_ value: JSONValue) -> Bool {
        do {
            try socket.sendLine(value.rendered)
            return true
        } catch {
            logger.debug("control client gone", metadata: ["error": .string(error.description)])
            return false
        }
    }

    /// Sends `{"ok": false, "error": ...}`; false when the client is gone.
    private func reply(error message: String) -> Bool {
        send(.object([("ok", .bool(false)), ("error", .string(message))]))
    }

    static func resultName(_ result: FeedState.Result) -> String {
        result == .pending ? "cancelled" : result.rawValue
    }

    /// The answer to `status`: the process, its feeds, how many fail, when the last cycle ended.
    static func status(_ scheduler: RefreshScheduler, _ config: ConfigBox) async -> JSONValue {
        let feeds = config.current.config.feeds
        let states: [FeedState]
        do {
            states = try await scheduler.pipeline.store.feedStates()
        } catch {
            return .object([("ok", .bool(false)), ("error", .string(error.description))])
        }
        let byID = Dictionary(states.map { ($0.id, $0) }) { first, _ in first }
        let failing = feeds.filter { feed in byID[feed.id].map { $0.url == feed.url && $0.consecutiveFailures > 0 } ?? false }
        return .object([
            ("ok", .bool(true)), ("pid", .int(Int(getpid()))), ("version", .string(Product.version)),
            ("feeds", .int(feeds.count)), ("failing", .array(failing.map { .string($0.id) })),
            ("lastCycle", .date(scheduler.lastCycle)),
        ])
    }
}
