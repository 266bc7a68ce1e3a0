/// The `email` of a hook: an SMTP server (`smtp://` with STARTTLS, or `smtps://`), the sender, the
/// recipients, and the credentials, the password read from a file.
public struct EmailHook: Sendable, Hashable {
    public var server: String
    public var from: String
    public var to: [String]
    public var username: String?
    public var passwordFile: String?

    public init(server: String, from: String, to: [String], username: String? = nil, passwordFile: String? = nil) {
        self.server = server
        self.from = from
        self.to = to
        self.username = username
        self.passwordFile = passwordFile
    }
}
