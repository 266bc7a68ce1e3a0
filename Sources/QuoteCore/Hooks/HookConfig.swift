/// One hook of the configuration (DESIGN §4, §9): where each committed event that passes its
/// filters is delivered, at least once and in event order.
public struct HookConfig: Sendable, Hashable {
    /// The longest a `command` hook may run before it is killed and the try counts as failed.
    public static let commandTimeout = 30.0

    /// How a delivery is made.
    public enum Kind: Sendable, Hashable {
        /// An HTTP POST of the event's JSON; with a secret file, signed (HMAC-SHA256 of the body).
        case url(String, secretFile: String?)
        /// A program run without a shell, the event's JSON on its standard input.
        case command([String])
        /// One plain-text message per event through SMTP (STARTTLS, or smtps).
        case email(EmailHook)

        /// The kind's name, as `status` and the log show it.
        public var name: String {
            switch self {
            case .url: "url"
            case .command: "command"
            case .email: "email"
            }
        }
    }

    public var id: String
    public var kind: Kind
    /// The event types delivered; nil: all.
    public var types: Set<EventType>?
    /// The statements whose events are delivered; nil: all (feed events have no statement and pass
    /// only a hook without this filter).
    public var statements: Set<String>?

    public init(id: String, kind: Kind, types: Set<EventType>? = nil, statements: Set<String>? = nil) {
        self.id = id
        self.kind = kind
        self.types = types
        self.statements = statements
    }

    /// Whether `event` passes the hook's filters.
    public func accepts(_ event: ChangeEvent) -> Bool {
        if let types, !types.contains(event.type) { return false }
        if let statements {
            guard let statement = event.statement, statements.contains(statement) else { return false }
        }
        return true
    }
}
