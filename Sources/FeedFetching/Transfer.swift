internal import CCurl
import Foundation
import Synchronization

/// One fetch in flight: the sole owner of its curl easy handle, header list and error buffer.
///
/// Built on the caller's thread, then handed to ``CurlMultiLoop``: from then on only the loop thread
/// touches the handle, the body and the hop statuses, which is why the compiler cannot check its
/// sendability (`@unchecked`). The cancellation flag and the continuation are behind a `Mutex`, as
/// the cancelling task and the loop thread both reach them.
final class Transfer: @unchecked Sendable {
    typealias Outcome = Result<FetchResponse, FetchError>

    let request: FetchRequest
    let target: FetchTarget
    /// The easy handle; `nil` once ``close()`` freed it.
    private(set) var easy: OpaquePointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// An email's recipients (`CURLOPT_MAIL_RCPT`).
    private var recipients: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// The decoded body received so far (loop thread only).
    private var body: [UInt8] = []
    /// Set when the body went past `maxBodyBytes` and the write callback stopped the transfer.
    private var bodyOverflow = false
    /// The final status of each response seen (one per redirect hop), 1xx left out.
    private var hopStatuses: [Int] = []
    /// What an upload sends (loop thread only), and how much of it curl has taken.
    private var outgoing: [UInt8] = []
    private var sent = 0

    /// What the fetching task and the loop thread both reach.
    private struct Shared {
        var cancelled = false
        var continuation: CheckedContinuation<Outcome, Never>?
    }
    private let shared = Mutex(Shared())

    /// Creates the easy handle and sets every option for `request`.
    init(request: FetchRequest, userAgent: String) throws(FetchError) {
        self.request = request
        if case .mail = request.upload { target = try FetchTarget(request.url, mail: true) } else { target = try FetchTarget(request.url) }
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        guard let easy = curl_easy_init() else {
            throw FetchError(kind: .other, url: request.url, message: "\(request.url): curl_easy_init failed (out of memory?)")
        }
        self.easy = easy
        try configure(easy, userAgent: userAgent)
    }

    deinit {
        close()
        errorBuffer.deallocate()
    }

    /// Frees the easy handle and the header list. The handle must not be in a multi handle.
    func close() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
        if let recipients { curl_slist_free_all(recipients) }
        recipients = nil
    }

    // MARK: - Cancellation and completion

    /// Whether the fetching task asked to stop.
    var isCancelled: Bool { shared.withLock { $0.cancelled } }

    /// Records that the fetching task asked to stop; the loop thread acts on it.
    func markCancelled() { shared.withLock { $0.cancelled = true } }

    /// Stores the continuation to resume when the transfer ends.
    func begin(_ continuation: CheckedContinuation<Outcome, Never>) {
        shared.withLock { $0.continuation = continuation }
    }

    /// Frees the handle and answers the waiting task, once; later calls do nothing.
    /// The handle must already be out of the multi handle.
    func finish(_ outcome: Outcome) {
        let waiting = shared.withLock { shared in
            let waiting = shared.continuation
            shared.continuation = nil
            return waiting
        }
        close()
        waiting?.resume(returning: outcome)
    }

    // MARK: - Options

    private func configure(_ easy: OpaquePointer, userAgent: String) throws(FetchError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(qw_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        try check(qw_curl_easy_setopt_string(easy, CURLOPT_URL, target.curlURL), "CURLOPT_URL")
        // Untrusted feeds: http(s) only; file only when the configured URL is a file; redirects never to file.
        let protocols = request.upload.map { if case .mail = $0 { "smtp,smtps" } else { "http,https" } } ?? (target.isFile ? "http,https,file" : "http,https")
        try check(qw_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, protocols), "CURLOPT_PROTOCOLS_STR")
        try check(qw_curl_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "CURLOPT_REDIR_PROTOCOLS_STR")
        try check(qw_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, request.upload == nil ? 1 : 0), "CURLOPT_FOLLOWLOCATION")
        try check(qw_curl_easy_setopt_long(easy, CURLOPT_MAXREDIRS, max(0, request.maxRedirects)), "CURLOPT_MAXREDIRS")
        try check(
            qw_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Transfer.milliseconds(request.connectTimeout)),
            "CURLOPT_CONNECTTIMEOUT_MS")
        try check(
            qw_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Transfer.milliseconds(request.totalTimeout)),
            "CURLOPT_TIMEOUT_MS")
        // "": every encoding this libcurl can decode (gzip, deflate, br, zstd as built).
        try check(qw_curl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""), "CURLOPT_ACCEPT_ENCODING")
        try check(qw_curl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1), "CURLOPT_SSL_VERIFYPEER")
        try check(qw_curl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2), "CURLOPT_SSL_VERIFYHOST")
        try check(qw_curl_easy_setopt_string(easy, CURLOPT_USERAGENT, userAgent), "CURLOPT_USERAGENT")
        try check(qw_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL")
        try check(
            qw_curl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)), "CURLOPT_HTTP_VERSION")
        // A proxy's CONNECT answer would look like one more hop to the header callback.
        try check(qw_curl_easy_setopt_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1), "CURLOPT_SUPPRESS_CONNECT_HEADERS")

        try check(qw_curl_easy_setopt_datafn(easy, CURLOPT_WRITEFUNCTION, transferWriteCallback), "CURLOPT_WRITEFUNCTION")
        try check(qw_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context), "CURLOPT_WRITEDATA")
        try check(qw_curl_easy_setopt_datafn(easy, CURLOPT_HEADERFUNCTION, transferHeaderCallback), "CURLOPT_HEADERFUNCTION")
        try check(qw_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context), "CURLOPT_HEADERDATA")

        var lines: [String] = []
        switch request.upload {
        case .post(let body, let headers)?:
            outgoing = body
            try check(qw_curl_easy_setopt_long(easy, CURLOPT_POST, 1), "CURLOPT_POST")
            try check(qw_curl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "CURLOPT_POSTFIELDSIZE_LARGE")
            try check(qw_curl_easy_setopt_datafn(easy, CURLOPT_READFUNCTION, transferReadCallback), "CURLOPT_READFUNCTION")
            try check(qw_curl_easy_setopt_pointer(easy, CURLOPT_READDATA, context), "CURLOPT_READDATA")
            // No "Expect: 100-continue" wait before the body: the receivers are ours to answer.
            lines.append("Expect:")
            lines += headers.compactMap(Transfer.headerValue)
        case .mail(let message, let from, let to, let username, let password)?:
            outgoing = message
            try check(qw_curl_easy_setopt_long(easy, CURLOPT_UPLOAD, 1), "CURLOPT_UPLOAD")
            try check(qw_curl_easy_setopt_datafn(easy, CURLOPT_READFUNCTION, transferReadCallback), "CURLOPT_READFUNCTION")
            try check(qw_curl_easy_setopt_pointer(easy, CURLOPT_READDATA, context), "CURLOPT_READDATA")
            try check(qw_curl_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(from)>"), "CURLOPT_MAIL_FROM")
            for address in to {
                guard let appended = curl_slist_append(recipients, "<\(address)>") else {
                    throw FetchError(kind: .other, url: request.url, message: "\(request.url): curl_slist_append failed (out of memory?)")
                }
                recipients = appended
            }
            try check(qw_curl_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, recipients), "CURLOPT_MAIL_RCPT")
            // smtp:// must upgrade with STARTTLS, but a relay on this machine may speak plain SMTP.
            let tls = target.isLoopback ? CURLUSESSL_TRY : CURLUSESSL_ALL
            try check(qw_curl_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(tls.rawValue)), "CURLOPT_USE_SSL")
            if let username { try check(qw_curl_easy_setopt_string(easy, CURLOPT_USERNAME, username), "CURLOPT_USERNAME") }
            if let password { try check(qw_curl_easy_setopt_string(easy, CURLOPT_PASSWORD, password), "CURLOPT_PASSWORD") }
        case nil:
            break
        }
        if let etag = Transfer.headerValue(request.etag) { lines.append("If-None-Match: \(etag)") }
        if let lastModified = Transfer.headerValue(request.lastModified) {
            lines.append("If-Modified-Since: \(lastModified)")
        }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw FetchError(kind: .other, url: request.url, message: "\(request.url): curl_slist_append failed (out of memory?)")
            }
            headerList = appended
        }
        if let headerList {
            try check(qw_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "CURLOPT_HTTPHEADER")
        }
    }

    /// The one place a `curl_easy_setopt` result becomes a thrown error naming the option.
    private func check(_ code: CURLcode, _ option: String) throws(FetchError) {
        guard code != CURLE_OK else { return }
        let text = String(cString: curl_easy_strerror(code))
        throw FetchError(
            kind: .other, url: request.url, message: "\(request.url): curl refused \(option) (\(text))",
            curlCode: Int(code.rawValue), curlMessage: text)
    }

    /// A stored validator fit to send: non-empty, no line breaks (a header injection).
    private static func headerValue(_ value: String?) -> String? {
        // On the bytes: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard let value, !value.isEmpty, !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else { return nil }
        return value
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }  // 0: curl's default / no limit
        return Int(min(seconds * 1000, Double(Int32.max)).rounded(.up))
    }

    // MARK: - Callbacks (loop thread)

    /// Appends body bytes; returns less than `count` (so curl stops with a write error) past the cap.
    fileprivate func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
        if body.count + bytes.count > request.maxBodyBytes {
            bodyOverflow = true
            return 0
        }
        if body.isEmpty { reserveDeclaredLength() }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Makes room for the whole body at its first bytes when the response declares its length
    /// (Content-Length, a file's size) within the limit: a body grown by doubling from curl's
    /// 16 KB pieces was copied and its new pages faulted in at each step, a fifth of an unchanged
    /// cycle. A compressed body declares its compressed length, a start.
    private func reserveDeclaredLength() {
        var declared: curl_off_t = -1
        guard let easy, qw_curl_easy_getinfo_off_t(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &declared) == CURLE_OK,
              declared > 0, declared <= request.maxBodyBytes else { return }
        body.reserveCapacity(Int(declared))
    }

    /// Hands curl the next bytes of an upload; 0 once all are sent.
    fileprivate func send(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, outgoing.count - sent)
        guard count > 0 else { return 0 }
        outgoing.withUnsafeBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[sent..<sent + count]))
        }
        sent += count
        return count
    }

    /// Notes each response's status line ("HTTP/1.1 301 Moved Permanently", "HTTP/2 200").
    fileprivate func receiveHeader(_ line: UnsafeRawBufferPointer) {
        guard line.count > 5, line.starts(with: "HTTP/".utf8) else { return }
        let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count >= 2, let status = Int(String(decoding: fields[1], as: UTF8.self)) else { return }
        if status >= 200 { hopStatuses.append(status) }
    }

    // MARK: - Result (loop thread, before finish)

    /// Turns curl's result code and the handle's info into the answer for the caller.
    func outcome(_ code: CURLcode) -> Outcome {
        guard let easy else {
            return .failure(FetchError(kind: .other, url: request.url, message: "\(request.url): transfer already closed"))
        }
        guard code == CURLE_OK else { return .failure(error(for: code, easy: easy)) }

        var status = 0
        _ = qw_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        if case .mail = request.upload {
            // The server's last SMTP reply (250 once the message is accepted).
            return .success(FetchResponse(status: status, body: [], etag: nil, lastModified: nil, contentType: nil, effectiveURL: request.url, permanentRedirect: nil))
        }
        let effectiveURL = string(easy, CURLINFO_EFFECTIVE_URL) ?? request.url
        if target.isFile, !effectiveURL.lowercased().hasPrefix("http") { status = 200 }

        guard (200..<300).contains(status) || (status == 304 && request.upload == nil) else {
            var retryAfter: Double?
            if status == 429 || status == 503 { retryAfter = header(easy, "Retry-After").flatMap(Transfer.parseRetryAfter) }
            return .failure(.http(url: request.url, status: status, retryAfter: retryAfter))
        }

        var redirects = 0
        _ = qw_curl_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
        var permanentRedirect: String?
        if redirects > 0, hopStatuses.count == redirects + 1,
            hopStatuses.dropLast().allSatisfy({ $0 == 301 || $0 == 308 })
        {
            permanentRedirect = effectiveURL
        }
        return .success(
            FetchResponse(
                status: status, body: status == 304 ? [] : body, etag: header(easy, "ETag"),
                lastModified: Transfer.strongLastModified(header(easy, "Last-Modified"), date: header(easy, "Date"), now: Date()),
                contentType: string(easy, CURLINFO_CONTENT_TYPE),
                effectiveURL: effectiveURL, permanentRedirect: permanentRedirect))
    }

    private func string(_ easy: OpaquePointer, _ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard qw_curl_easy_getinfo_string(easy, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// A header of the last response, as curl holds it (first occurrence, surrounding blanks trimmed).
    private func header(_ easy: OpaquePointer, _ name: String) -> String? {
        var found: UnsafeMutablePointer<curl_header>?
        guard curl_easy_header(easy, name, 0, UInt32(CURLH_HEADER), -1, &found) == CURLHE_OK,
            let value = found?.pointee.value
        else { return nil }
        return String(cString: value)
    }

    /// `Last-Modified` when it can tell a later edit, else nil. A time less than a second before the
    /// response's `Date` (the local clock without one) is a weak validator (RFC 9110 §8.8.2.2): the
    /// document may change again within that second, and a server comparing whole seconds would
    /// answer that edit's `If-Modified-Since` with a 304, hiding it. Without it the next fetch is
    /// unconditional (its body hash still spares the work); a time that cannot be read is kept.
    static func strongLastModified(_ lastModified: String?, date: String?, now: Date) -> String? {
        guard let lastModified else { return nil }
        let modified = curl_getdate(lastModified, nil)
        guard modified != -1 else { return lastModified }
        let served = date.map { curl_getdate($0, nil) }.flatMap { $0 == -1 ? nil : Double($0) } ?? now.timeIntervalSince1970.rounded(.down)
        return Double(modified) + 1 <= served ? lastModified : nil
    }

    /// `Retry-After` as seconds from now: a number of seconds, or an HTTP date (parsed by `curl_getdate`).
    static func parseRetryAfter(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Double(max(0, seconds)) }
        let date = curl_getdate(trimmed, nil)
        guard date != -1 else { return nil }
        return max(0, Double(date) - Date().timeIntervalSince1970)
    }

    /// Maps a failed transfer to a ``FetchError`` with one clear sentence.
    private func error(for code: CURLcode, easy: OpaquePointer) -> FetchError {
        let url = request.url
        let buffered = String(cString: errorBuffer)
        let curlText = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
        func make(_ kind: FetchError.Kind, _ what: String, withCurlText: Bool = true) -> FetchError {
            FetchError(
                kind: kind, url: url, message: "\(url): \(what)" + (withCurlText ? " (\(curlText))" : ""),
                curlCode: Int(code.rawValue), curlMessage: curlText)
        }
        switch code {
        case CURLE_WRITE_ERROR where bodyOverflow, CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(url: url, limit: request.maxBodyBytes, curlCode: Int(code.rawValue), curlMessage: curlText)
        case CURLE_OPERATION_TIMEDOUT:
            var connected: curl_off_t = 0
            _ = qw_curl_easy_getinfo_off_t(easy, CURLINFO_CONNECT_TIME_T, &connected)
            var status = 0
            _ = qw_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            let limit = Format.seconds(request.totalTimeout)
            if connected == 0 && !target.isFile {
                let connectLimit = Format.seconds(min(request.connectTimeout, request.totalTimeout))
                return make(.timeout, "could not connect within \(connectLimit)", withCurlText: false)
            }
            if status == 0 && body.isEmpty { return make(.timeout, "no response within \(limit)", withCurlText: false) }
            return make(.timeout, "the transfer did not finish within \(limit)", withCurlText: false)
        case CURLE_TOO_MANY_REDIRECTS:
            return make(.tooManyRedirects, "more than \(request.maxRedirects) redirects (a redirect loop?)", withCurlText: false)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return make(.protocolNotAllowed, "redirected to a URL whose scheme is not allowed (only http and https)")
        case CURLE_FILE_COULDNT_READ_FILE:
            if let path = target.filePath, access(path, F_OK) == 0 {
                return make(.notFound, "the file cannot be read")
            }
            return make(.notFound, "no such file", withCurlText: false)
        case CURLE_COULDNT_RESOLVE_HOST:
            return make(.connection, "could not resolve the host name")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return make(.connection, "could not resolve the proxy's host name")
        case CURLE_COULDNT_CONNECT:
            return make(.connection, "could not connect")
        case CURLE_GOT_NOTHING:
            return make(.connection, "the server closed the connection without answering")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return make(.connection, "the connection broke off")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING:
            return make(.connection, "the server's reply could not be understood")
        case CURLE_PEER_FAILED_VERIFICATION:
            return make(.tls, "the server's TLS certificate could not be verified")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return make(.tls, "the TLS connection failed")
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled(url: url)
        case CURLE_URL_MALFORMAT:
            return make(.invalidURL, "not a valid URL")
        case CURLE_LOGIN_DENIED:
            return make(.connection, "the server refused the login")
        case CURLE_UPLOAD_FAILED, CURLE_SEND_FAIL_REWIND:
            return make(.connection, "the server refused what was sent")
        default:
            return make(.other, "the fetch failed (curl error \(code.rawValue))")
        }
    }
}

/// CURLOPT_WRITEFUNCTION: body bytes, to the ``Transfer`` passed as context.
private let transferWriteCallback: qw_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receive(UnsafeRawBufferPointer(start: data, count: size * count))
}

/// CURLOPT_READFUNCTION: the next bytes of an upload, from the ``Transfer`` passed as context.
private let transferReadCallback: qw_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.send(into: UnsafeMutableRawBufferPointer(start: data, count: size * count))
}

/// CURLOPT_HEADERFUNCTION: one header line at a time, to the ``Transfer`` passed as context.
private let transferHeaderCallback: qw_curl_data_callback = { data, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}
