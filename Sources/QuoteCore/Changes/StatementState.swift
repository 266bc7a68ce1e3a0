/// What one item says of one tracked statement at one version: the quote that matched it best.
///
/// The store keeps one per (item, statement); ``ChangeDetector`` compares the stored one with the
/// one computed from the item's new version.
public struct StatementState: Sendable, Hashable, Codable {
    public var statementID: String
    public var quote: String
    public var speaker: String?
    public var score: Double
    public var tier: StatementMatch.Tier
    /// The numbers in the quote, as typed values.
    public var values: [NumericValue]
    /// Whether the quote says the opposite of the statement (a negation added or dropped, or an
    /// antonym): a quote that matched and was then reversed in a later version stays tracked.
    public var reversed: Bool
    /// Earlier wordings of this quote in the same item, oldest first (at most
    /// ``StatementState/historyLimit``), so a flip back to one of them is told apart from a new edit.
    public var history: [String]

    /// How many earlier wordings are remembered per item and statement.
    public static let historyLimit = 10

    public init(
        statementID: String, quote: String, speaker: String?, score: Double, tier: StatementMatch.Tier, values: [NumericValue],
        history: [String] = [], reversed: Bool = false
    ) {
        self.statementID = statementID
        self.quote = quote
        self.speaker = speaker
        self.score = score
        self.tier = tier
        self.values = values
        self.history = history
        self.reversed = reversed
    }
}
