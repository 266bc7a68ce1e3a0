/// Reads one version of an item against the tracked statements: which quote stands for each
/// statement, and, for the statements the item quoted before, which quote still would but for its
/// speaker or its sense.
public enum ItemAnalyzer {
    /// Matches each speech quote of `text` against the statements; keeps the best per statement.
    /// - Parameters:
    ///   - previouslyQuoted: the statements the item's stored version quoted: only a quote of one of
    ///     them can have moved to another speaker or been turned around, so only they are looked for
    ///     among quotes that fail the speaker or the polarity guard.
    ///   - reading: how much of the item `text` is (``Observation/Reading``).
    public static func analyze(
        text: String, quotes: [Quote], matcher: StatementMatcher, previouslyQuoted: Set<String> = [],
        reading: Observation.Reading = .whole
    ) -> Observation {
        var observation = Observation(reading: reading)
        // Only an unattributed quote looks at the item's words (is its speaker named in the item?).
        let unattributed = quotes.contains { $0.kind == .speech && $0.speaker == nil }
        let itemWords = unattributed ? StatementMatcher.itemWords(text) : nil
        let scalars = ScalarText.scalars(of: text)
        for quote in quotes where quote.kind == .speech {
            let input = MatchInput(
                text: quote.text, speaker: quote.speaker,
                context: QuoteContext.sentence(in: scalars, start: quote.start, end: quote.end),
                itemWords: itemWords)
            if let match = matcher.bestMatch(for: input) {
                keepBest(&observation.matched, match, quote)
            } else if let match = matcher.candidates(for: input, among: previouslyQuoted).first {
                keepBest(&observation.tracked, match, quote)
            }
        }
        return observation
    }

    private static func keepBest(_ states: inout [String: StatementState], _ match: StatementMatch, _ quote: Quote) {
        if let existing = states[match.statementID], existing.score >= match.score { return }
        states[match.statementID] = StatementState(
            statementID: match.statementID, quote: quote.text, speaker: quote.speaker, score: match.score,
            tier: match.tier, values: NumericValue.values(in: quote.text), reversed: match.reversed)
    }
}
