internal import CCurl
import Foundation

/// One `CURLM` multi handle, driven by one dedicated thread (not Swift's cooperative pool):
/// `curl_multi_perform` then `curl_multi_poll`, woken by `curl_multi_wakeup` when work arrives.
///
/// Other threads only touch the inbox (new transfers, cancellations, the stop flag) under `condition`;
/// the multi handle, the active and waiting transfers belong to the loop thread. The loop owns the multi
/// handle and frees it when it exits. At most `maxConcurrent` transfers are in the multi at once; the rest
/// wait here, so their timeouts do not start while they queue.
final class CurlMultiLoop: @unchecked Sendable {
    private let multi: OpaquePointer?
    private let maxConcurrent: Int

    private let condition = NSCondition()
    private var incoming: [Transfer] = []
    private var cancelRequests: [Transfer] = []
    private var stopping = false
    private var exited = false
    private var thread: Thread?

    /// Creates the multi handle and starts its thread.
    init(maxConcurrent: Int, maxPerHost: Int) {
        self.maxConcurrent = max(1, maxConcurrent)
        multi = curl_multi_init()
        guard let multi else {
            exited = true
            return
        }
        _ = qw_curl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, self.maxConcurrent)
        _ = qw_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, maxPerHost))
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
                    active[easy] = nil
                    _ = curl_multi_remove_handle(multi, easy)
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

            while active.count < maxConcurrent, !waiting.isEmpty {
                let transfer = waiting.removeFirst()
                guard let easy = transfer.easy else { continue }
                let code = curl_multi_add_handle(multi, easy)
                if code == CURLM_OK {
                    active[easy] = transfer
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
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                _ = curl_multi_remove_handle(multi, easy)  // the message is invalid from here on
                if let transfer = active.removeValue(forKey: easy) {
                    transfer.finish(transfer.outcome(code))
                }
            }

            if !waiting.isEmpty, active.count < maxConcurrent { continue }
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
