/// Why a fetch failed, as one sentence a user understands (``message``), plus what a program needs:
/// the ``kind``, curl's own code and text, and the server's `Retry-After`.
///
/// ```swift
/// do { _ = try await fetcher.fetch(FetchRequest(url: url)) }
/// catch { if case .http(status: 404) = error.kind { ... }; print(error) }  // "https://x/feed: HTTP 404 Not Found"
/// ```
public struct FetchError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, coarsely enough to act on.
    public enum Kind: Sendable, Equatable, Hashable {
        /// The server answered with this 4xx or 5xx status (or a 3xx that led nowhere).
        case http(status: Int)
        /// Nothing (or not everything) arrived in time: connect timeout or total timeout.
        case timeout
        /// The body was larger than the request's `maxBodyBytes`.
        case tooLarge(limit: Int)
        /// More redirects than the request's `maxRedirects`, usually a loop.
        case tooManyRedirects
        /// The connection could not be made or broke: refused, reset, DNS failure, empty reply.
        case connection
        /// The TLS handshake or certificate verification failed.
        case tls
        /// The URL, or a redirect, uses a scheme that is not allowed (only http, https and, for configured URLs, file).
        case protocolNotAllowed
        /// The fetching task was cancelled or the fetcher shut down.
        case cancelled
        /// A `file://` URL or plain path that does not exist or cannot be read.
        case notFound
        /// The URL could not be understood.
        case invalidURL
        /// Anything else curl reported; see ``FetchError/curlCode`` and ``FetchError/curlMessage``.
        case other
    }

    /// What went wrong.
    public var kind: Kind
    /// The URL as requested.
    public var url: String
    /// One sentence naming the URL and what happened, e.g. `https://x/feed: HTTP 404 Not Found`.
    public var message: String
    /// curl's `CURLcode`, when curl reported the failure.
    public var curlCode: Int?
    /// curl's own explanation (its `CURLOPT_ERRORBUFFER` text, else `curl_easy_strerror`), when there is one.
    public var curlMessage: String?
    /// For 429 and 503: the server's `Retry-After`, in seconds from now (from a number or an HTTP date).
    public var retryAfter: Double?

    /// Creates an error; the fetcher builds these, tests and fakes may too.
    public init(
        kind: Kind, url: String, message: String, curlCode: Int? = nil, curlMessage: String? = nil,
        retryAfter: Double? = nil
    ) {
        self.kind = kind
        self.url = url
        self.message = message
        self.curlCode = curlCode
        self.curlMessage = curlMessage
        self.retryAfter = retryAfter
    }

    /// The ``message``.
    public var description: String { message }

    /// Whether trying again later may succeed: timeouts, connection failures, 408, 425, 429 and 5xx.
    /// A scheduler backs off on these and may slow down (or alert) on the others.
    public var isTemporary: Bool {
        switch kind {
        case .timeout, .connection: true
        case .http(let status): status == 408 || status == 425 || status == 429 || status >= 500
        default: false
        }
    }
}

extension FetchError {
    static func http(url: String, status: Int, retryAfter: Double?) -> FetchError {
        let reason = HTTPStatus.reasonPhrase(status)
        var message = "\(url): HTTP \(status)" + (reason.isEmpty ? "" : " \(reason)")
        if let retryAfter { message += " (retry after \(Format.seconds(retryAfter)))" }
        return FetchError(kind: .http(status: status), url: url, message: message, retryAfter: retryAfter)
    }

    static func tooLarge(url: String, limit: Int, curlCode: Int? = nil, curlMessage: String? = nil) -> FetchError {
        FetchError(
            kind: .tooLarge(limit: limit), url: url, message: "\(url): body exceeds the \(Format.bytes(limit)) limit",
            curlCode: curlCode, curlMessage: curlMessage)
    }

    static func cancelled(url: String, reason: String = "fetch cancelled") -> FetchError {
        FetchError(kind: .cancelled, url: url, message: "\(url): \(reason)")
    }

    static func notAllowed(url: String, scheme: String) -> FetchError {
        FetchError(
            kind: .protocolNotAllowed, url: url,
            message: "\(url): the \(scheme) scheme is not allowed (only http, https and file)")
    }

    static func invalidURL(url: String, why: String) -> FetchError {
        FetchError(kind: .invalidURL, url: url, message: "\(url.isEmpty ? "(empty URL)" : url): \(why)")
    }
}
