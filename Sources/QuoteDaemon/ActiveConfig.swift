import QuoteCore

/// A configuration in force, with what is derived from it once: the statement matcher and a
/// fingerprint of the statements (a changed statement list makes every item worth reading again).
public struct ActiveConfig: Sendable {
    public let config: Config
    public let matcher: StatementMatcher
    public let statementsFingerprint: String
    /// Statement id → its position in the configuration.
    public let statementOrder: [String: Int]

    public init(_ config: Config) {
        self.config = config
        matcher = StatementMatcher(statements: config.statements)
        var hash = ContentHash()
        for statement in config.statements {
            hash.update(statement.id)
            hash.update(statement.speaker)
            hash.update(statement.aliases.joined(separator: "\u{1}"))
            hash.update(statement.text)
            hash.update(String(statement.threshold))
        }
        statementsFingerprint = hash.hex
        statementOrder = Dictionary(config.statements.enumerated().map { ($1.id, $0) }) { first, _ in first }
    }
}
