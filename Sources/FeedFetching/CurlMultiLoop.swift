internal import CCurl
import Foundation

/// One `CURLM` multi handle, driven by one dedicated thread (not Swift's cooperative pool):
/// `curl_multi_perform` then `curl_multi_poll`, woken by `curl_multi_wakeup` when work arrives.
///
/// Other threads only touch the inbox (new transfers, cancellations, the stop flag) under `condition`;
/// the multi handle, the active and waiting transfers belong to the loop thread. The loop owns the multi
/// handle and frees it when it exits.
///
/// At most `maxConcurrent` transfers are in the multi at once, and at most `maxPerHost` to one host (by the
/// configured URL); the rest wait here, first come first served, so their timeouts do not run while they
/// queue (libcurl's own pending queue would count that time against `CURLOPT_TIMEOUT`). The multi's
/// `CURLMOPT_MAX_TOTAL_CONNECTIONS`/`MAX_HOST_CONNECTIONS` still bound connections, redirects included.
final class CurlMultiLoop: @unchecked Sendable {
    private let multi: OpaquePointer?
    private let maxConcurrent: Int
    private let maxPerHost: Int

    private let condition = NSCondition()
    private var incoming: [Transfer] = []
    private var cancelRequests: [Transfer] = []
    private var stopping = false
    private var exited = false
    private var thread: Thread?

    /// Creates the multi handle and starts its thread.
    init(maxConcurrent: Int, maxPerHost: Int) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.maxPerHost = max(1, maxPerHost)
        multi = curl_multi_init()
        guard let multi else {
            exited = true
            return
        }
        _ = qw_curl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, self.maxConcurrent)
        _ = qw_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, self.maxPerHost)
        _ = qw_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "quotewatch-curl"
        self.thread = thread
        thread.start()
    }

    /// Hands `transfer` to the loop; `false` when the loop has stopped (or never started).
    func submit(_ transfer: Transfer) -> Bool {
        condition.withLock {
            guard !stopping, let multi else { return false }
            incoming.append(transfer)
            _ = curl_multi_wakeup(multi)
            return true
        }
    }

    /// Asks the loop to abort `transfer` now (it answers `.cancelled`); harmless if it already ended.
    func cancel(_ transfer: Transfer) {
        condition.withLock {
            guard !stopping, let multi else { return }
            cancelRequests.append(transfer)
            _ = curl_multi_wakeup(multi)
        }
    }

    /// Aborts every transfer (each answers `.cancelled`), frees the multi handle and ends the thread;
    /// returns once the thread is gone. Idempotent.
    func shutdown() {
        condition.lock()
        defer { condition.unlock() }
        if !stopping {
            stopping = true
            if let multi, !exited { _ = curl_multi_wakeup(multi) }
        }
        if let thread, Thread.current === thread { return }  // never wait for ourselves
        while !exited { condition.wait() }
    }

    // MARK: - The loop thread

    private func run() {
        guard let multi else { return }
        var active: [OpaquePointer: Transfer] = [:]
        var waiting: [Transfer] = []
        var perHost: [String: Int] = [:]

        /// Takes `transfer` out of the multi and the counts, if it is there.
        func remove(_ transfer: Transfer, _ easy: OpaquePointer) {
            active[easy] = nil
            _ = curl_multi_remove_handle(multi, easy)
            let host = transfer.target.hostKey
            if let count = perHost[host] { perHost[host] = count > 1 ? count - 1 : nil }
        }

        while true {
            condition.lock()
            let arrived = incoming
            let cancels = cancelRequests
            let stop = stopping
            incoming = []
            cancelRequests = []
            condition.unlock()

            for transfer in arrived {
                if transfer.isCancelled {
                    transfer.finish(.failure(.cancelled(url: transfer.request.url)))
                } else {
                    waiting.append(transfer)
                }
            }
            for transfer in cancels {
                if let easy = transfer.easy, active[easy] === transfer {
                    remove(transfer, easy)
                    transfer.finish(.failure(.cancelled(url: transfer.request.url)))
                } else if let index = waiting.firstIndex(where: { $0 === transfer }) {
                    waiting.remove(at: index)
                    transfer.finish(.failure(.cancelled(url: transfer.request.url)))
                }
            }
            if stop {
                for (easy, transfer) in active {
                    _ = curl_multi_remove_handle(multi, easy)
                    transfer.finish(.failure(.cancelled(url: transfer.request.url, reason: "the fetcher shut down")))
                }
                for transfer in waiting {
                    transfer.finish(.failure(.cancelled(url: transfer.request.url, reason: "the fetcher shut down")))
                }
                break
            }

            var index = 0
            while active.count < maxConcurrent, index < waiting.count {
                let host = waiting[index].target.hostKey
                if !host.isEmpty, perHost[host, default: 0] >= maxPerHost {
                    index += 1
                    continue
                }
                let transfer = waiting.remove(at: index)
                guard let easy = transfer.easy else {
                    transfer.finish(.failure(.cancelled(url: transfer.request.url, reason: "the transfer was closed")))
                    continue
                }
                let code = curl_multi_add_handle(multi, easy)
                if code == CURLM_OK {
                    active[easy] = transfer
                    if !host.isEmpty { perHost[host, default: 0] += 1 }
                } else {
                    let text = String(cString: curl_multi_strerror(code))
                    let url = transfer.request.url
                    transfer.finish(
                        .failure(
                            FetchError(
                                kind: .other, url: url, message: "\(url): curl_multi_add_handle failed (\(text))",
                                curlMessage: text)))
                }
            }

            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            var left: Int32 = 0
            var finishedAny = false
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                guard let transfer = active[easy] else {
                    _ = curl_multi_remove_handle(multi, easy)
                    continue
                }
                let outcome = transfer.outcome(code)
                remove(transfer, easy)  // the message is invalid from here on
                transfer.finish(outcome)
                finishedAny = true
            }

            if finishedAny, !waiting.isEmpty { continue }  // a slot may have opened
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }

        // stopping is set, so nobody calls curl_multi_wakeup any more: the handle can go.
        _ = curl_multi_cleanup(multi)
        condition.withLock {
            exited = true
            condition.broadcast()
        }
    }
}
