/// What a request sends instead of fetching a document: a hook's delivery (DESIGN §9).
public enum Upload: Sendable, Hashable {
    /// An HTTP POST of `body`, with these extra header lines (`Name: value`). Redirects are not
    /// followed: a delivery that is answered with one is not delivered.
    case post(body: [UInt8], headers: [String])
    /// One SMTP submission of `message` (RFC 5322, CRLF line ends) from `from` to each of `to`.
    /// `smtp://` requires STARTTLS except to a loopback host (a local relay); `smtps://` is TLS
    /// from the start.
    case mail(message: [UInt8], from: String, to: [String], username: String?, password: String?)
}
