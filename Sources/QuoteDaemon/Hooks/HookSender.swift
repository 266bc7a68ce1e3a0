import Crypto
import FeedFetching
import Foundation
import QuoteCore

/// Sends one event through one hook (DESIGN §9): the one place a delivery is made, for the
/// delivery service and for `quotewatch hooks test`.
///
/// - `url`: an HTTP POST of the event's JSON through the fetcher (libcurl); a 2xx is delivered.
///   With `secretFile`, `X-Quotewatch-Signature: sha256=<hex HMAC-SHA256 of the body>`, the
///   secret read at each send (so a rotated secret takes effect), its trailing line end dropped.
/// - `command`: the program without a shell, the JSON on its standard input, `QW_EVENT_ID`,
///   `QW_EVENT_TYPE` and `QW_STATEMENT` in its environment; exit 0 is delivered; killed after
///   ``HookConfig/commandTimeout``.
/// - `email`: one message through the fetcher's SMTP; the password read from its file.
public struct HookSender: Sendable {
    /// How long a POST or an email may take.
    public static let transferTimeout = 30.0
    /// The most of a command's output kept for the error message.
    static let outputTail = 2_000

    let fetcher: Fetcher
    /// For the email's Message-ID.
    let hostName: String

    public init(fetcher: Fetcher, hostName: String = ProcessInfo.processInfo.hostName) {
        self.fetcher = fetcher
        self.hostName = hostName
        // A command that exits before it reads the event makes our write fail with EPIPE; without
        // this, SIGPIPE would end the whole process (the daemon sets it too; `hooks test` needs it).
        signal(SIGPIPE, SIG_IGN)
    }

    /// What one try came to.
    public enum Result: Sendable, Equatable {
        /// Delivered; what the receiver answered ("HTTP 204", "exit 0", "SMTP 250").
        case delivered(String)
        /// Not delivered; why, and how long the receiver asked to be left alone (Retry-After).
        case failed(String, retryAfter: Double?)
        /// Stopped by shutdown: neither delivered nor the receiver's fault.
        case cancelled
    }

    public func send(_ event: ChangeEvent, through hook: HookConfig, now: Date = Date()) async -> Result {
        switch hook.kind {
        case .url(let url, let secretFile):
            let body = HookMessage.body(event)
            var signature: String?
            if let secretFile {
                guard let secret = HookSender.secret(secretFile) else {
                    return .failed("cannot read the secret file \(secretFile)", retryAfter: nil)
                }
                signature = HookSender.signature(of: body, secret: secret)
            }
            let request = FetchRequest(
                url: url, connectTimeout: 10, totalTimeout: HookSender.transferTimeout, maxBodyBytes: 1_000_000,
                upload: .post(body: body, headers: HookMessage.headers(event, signature: signature)))
            return await transfer(request, answer: "HTTP")
        case .email(let email):
            var password: String?
            if let file = email.passwordFile {
                guard let secret = HookSender.secret(file) else { return .failed("cannot read the password file \(file)", retryAfter: nil) }
                password = String(decoding: secret, as: UTF8.self)
            }
            let message = HookMessage.email(event, from: email.from, to: email.to, date: now, host: hostName)
            let request = FetchRequest(
                url: email.server, connectTimeout: 10, totalTimeout: HookSender.transferTimeout, maxBodyBytes: 1_000_000,
                upload: .mail(message: message, from: email.from, to: email.to, username: email.username, password: password))
            return await transfer(request, answer: "SMTP")
        case .command(let words):
            return await HookCommand.run(words, input: HookMessage.body(event), environment: HookMessage.environment(event),
                                         timeout: HookConfig.commandTimeout)
        }
    }

    /// A POST or an email through the fetcher: delivered with the receiver's status ("HTTP 204",
    /// "SMTP 250"), else why not (and the receiver's Retry-After, which only HTTP gives).
    private func transfer(_ request: FetchRequest, answer: String) async -> Result {
        do {
            let response = try await fetcher.fetch(request)
            return .delivered("\(answer) \(response.status)")
        } catch {
            if error.kind == .cancelled { return .cancelled }
            return .failed(error.description, retryAfter: error.retryAfter)
        }
    }

    /// The hex HMAC-SHA256 of `body` under `secret`.
    public static func signature(of body: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return Hex.string(code)
    }

    /// A secret or password file's bytes without the line end an editor leaves; nil when it
    /// cannot be read or is empty.
    static func secret(_ path: String) -> [UInt8]? {
        guard var bytes = FileManager.default.contents(atPath: path).map([UInt8].init) else { return nil }
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        return bytes.isEmpty ? nil : bytes
    }
}
