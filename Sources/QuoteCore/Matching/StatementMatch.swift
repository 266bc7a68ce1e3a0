/// How a quote matched a tracked statement.
public struct StatementMatch: Sendable, Hashable, Codable {
    /// The matching tier that decided, strictest first (DESIGN §3, `match --json`).
    public enum Tier: String, Sendable, Hashable, Codable {
        /// The quote is the statement's text, character for character.
        case exact
        /// Equal once case, quote marks, dashes, punctuation and whitespace are folded.
        case normalized
        /// Word-level similarity: containment of a partial quote, word overlap, the quote's sentence.
        case fuzzy

        /// Strictness, for ranking equal scores: exact 2, normalized 1, fuzzy 0.
        var rank: Int {
            switch self {
            case .exact: 2
            case .normalized: 1
            case .fuzzy: 0
            }
        }
    }

    public var statementID: String
    /// In [0, 1]; 1 for the exact and normalized tiers.
    public var score: Double
    public var tier: Tier
    /// Whether the quote's speaker passes the statement's speaker check (DESIGN §5).
    public var speakerMatches: Bool
    /// Whether the quote says the opposite of the statement; only
    /// ``StatementMatcher/candidates(for:among:)`` returns such matches.
    public var reversed: Bool

    public init(statementID: String, score: Double, tier: Tier, speakerMatches: Bool, reversed: Bool = false) {
        self.statementID = statementID
        self.score = score
        self.tier = tier
        self.speakerMatches = speakerMatches
        self.reversed = reversed
    }
}
