import QuoteCore

/// A configuration in force, with what is derived from it once: the statement matcher and a
/// fingerprint of each statement, by which the store tells a statement added or changed since the
/// stored items were matched (they are matched again against it, DESIGN §5).
public struct ActiveConfig: Sendable {
    public let config: Config
    /// The matcher of the statements, indexed on its first use: a cycle in which no item changed
    /// (or a daemon that has read nothing yet) never needs it, and indexing 1,000 statements was
    /// a tenth of such a cycle. A reload indexes the new statements before it swaps them in.
    public var matcher: StatementMatcher { indexed.value }
    private let indexed: Lazy<StatementMatcher>
    /// Statement id → a hash of everything that decides what it matches.
    public let statementFingerprints: [String: String]
    /// A hash of all of them, to notice cheaply that the statements changed.
    public let statementsFingerprint: String

    public init(_ config: Config) {
        self.config = config
        let statements = config.statements
        indexed = Lazy { StatementMatcher(statements: statements) }
        var all = ContentHash()
        var fingerprints: [String: String] = [:]
        for statement in config.statements {
            let fingerprint = ActiveConfig.fingerprint(statement)
            fingerprints[statement.id] = fingerprint
            all.update(statement.id)
            all.update(fingerprint)
        }
        statementFingerprints = fingerprints
        statementsFingerprint = all.hex
    }

    static func fingerprint(_ statement: Statement) -> String {
        ContentHash.of(statement.speaker, statement.aliases.joined(separator: "\u{1}"), statement.text, String(statement.threshold))
    }
}
