/// Reads one version of an item against the tracked statements: which quote stands for each
/// statement, and which quote would, but for its speaker.
public enum ItemAnalyzer {
    /// The result for one item version.
    public struct Analysis: Sendable, Hashable {
        /// The best quote per statement that passes every guard, by statement id.
        public var current: [String: StatementState] = [:]
        /// The best quote per statement that fails only the speaker guard, by statement id.
        public var unattributed: [String: StatementState] = [:]
    }

    /// Matches each speech quote of `text` against the statements; keeps the best per statement.
    /// - Parameter previouslyQuoted: the statements the item's stored version quoted: only a quote of
    ///   one of them can have moved to another speaker, so only they are looked for among quotes that
    ///   fail the speaker guard (nil: all statements).
    public static func analyze(
        text: String, quotes: [Quote], matcher: StatementMatcher, previouslyQuoted: Set<String>? = nil
    ) -> Analysis {
        var analysis = Analysis()
        let itemWords = StatementMatcher.itemWords(text)
        let scalars = Array(text.unicodeScalars)
        for quote in quotes where quote.kind == .speech {
            let input = MatchInput(
                text: quote.text, speaker: quote.speaker,
                context: QuoteContext.sentence(in: scalars, start: quote.start, end: quote.end),
                itemWords: itemWords)
            if let match = matcher.bestMatch(for: input) {
                keepBest(&analysis.current, match, quote)
            } else if let match = (previouslyQuoted.map { matcher.candidates(for: input, among: $0) } ?? matcher.candidates(for: input)).first {
                keepBest(&analysis.unattributed, match, quote)
            }
        }
        return analysis
    }

    private static func keepBest(_ states: inout [String: StatementState], _ match: StatementMatch, _ quote: Quote) {
        if let existing = states[match.statementID], existing.score >= match.score { return }
        states[match.statementID] = StatementState(
            statementID: match.statementID, quote: quote.text, speaker: quote.speaker, score: match.score,
            tier: match.tier, values: NumericValue.values(in: quote.text))
    }
}
