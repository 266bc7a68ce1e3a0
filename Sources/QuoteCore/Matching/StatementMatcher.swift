import Foundation

/// Decides which tracked statement a quote is, if any, in tiers: exact, normalized, fuzzy.
///
/// The fuzzy score combines how much of the quote lies in the statement (a partial quote of the key
/// phrase scores full containment) with how much of the statement the quote and its sentence cover.
/// Guards then apply: the speaker must be the statement's speaker or an alias, and a negated version
/// ("is realistic" against "is not realistic") is no match. Candidates come from an inverted word index,
/// so the cost of a quote grows with the statements sharing its words, not with all statements.
public struct StatementMatcher: Sendable {
    /// Weight of words found only in the quote's sentence, relative to words of the quote itself.
    static let contextWeight = 0.8
    /// Quotes with fewer content words than this are read together with their sentence.
    static let shortQuoteWords = 4

    struct Entry: Sendable {
        var statement: Statement
        var exact: String
        var normalized: String
        var weights: [String: Double]
        var total: Double
        var negations: Int
        var names: [[String]]
    }

    private let entries: [Entry]
    private let index: [String: [Int]]

    public init(statements: [Statement]) {
        var entries: [Entry] = []
        var index: [String: [Int]] = [:]
        for statement in statements {
            let tokens = TextNormalizer.tokens(statement.text)
            var weights: [String: Double] = [:]
            for token in tokens { weights[token.key] = max(weights[token.key] ?? 0, token.weight) }
            let names = ([statement.speaker].compactMap { $0 } + statement.aliases).map(StatementMatcher.nameWords)
            entries.append(Entry(
                statement: statement,
                exact: statement.text.trimmingCharacters(in: .whitespacesAndNewlines),
                normalized: tokens.map(\.text).joined(separator: " "),
                weights: weights,
                total: weights.values.reduce(0, +),
                negations: tokens.filter(\.isNegator).count,
                names: names))
            for key in weights.keys where weights[key] == 1 {
                index[key, default: []].append(entries.count - 1)
            }
        }
        self.entries = entries
        self.index = index
    }

    public var statements: [Statement] { entries.map(\.statement) }

    /// The best statement the quote matches at or above that statement's threshold, guards applied.
    public func bestMatch(for input: MatchInput) -> StatementMatch? {
        candidates(for: input).first { $0.speakerMatches }
    }

    /// Every statement the quote reaches at or above its threshold, best first, passing the negation
    /// guard; `speakerMatches` tells whether the speaker guard passes too.
    public func candidates(for input: MatchInput) -> [StatementMatch] {
        let quoteTokens = TextNormalizer.tokens(input.text)
        guard !quoteTokens.isEmpty else { return [] }
        let trimmed = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let normalized = quoteTokens.map(\.text).joined(separator: " ")
        var quoteWeights: [String: Double] = [:]
        for token in quoteTokens { quoteWeights[token.key] = max(quoteWeights[token.key] ?? 0, token.weight) }
        let quoteTotal = quoteWeights.values.reduce(0, +)
        let contentWords = quoteTokens.filter { !$0.isStopword }.count
        let isShort = contentWords < StatementMatcher.shortQuoteWords
        let contextTokens = TextNormalizer.tokens(input.context)
        var contextKeys = Set(contextTokens.map(\.key))
        for key in quoteWeights.keys { contextKeys.remove(key) }
        // Polarity: a long quote must negate as often as the statement; a short one is read with its
        // sentence, which must negate exactly when the statement does.
        let quoteNegations = quoteTokens.filter(\.isNegator).count
        let contextNegated = quoteNegations > 0 || contextTokens.contains(where: \.isNegator)

        var seen = Set<Int>()
        for key in quoteWeights.keys { seen.formUnion(index[key] ?? []) }
        if isShort { for key in contextKeys { seen.formUnion(index[key] ?? []) } }

        var results: [StatementMatch] = []
        for position in seen {
            let entry = entries[position]
            let tier: StatementMatch.Tier
            let score: Double
            if trimmed == entry.exact {
                (tier, score) = (.exact, 1)
            } else if normalized == entry.normalized {
                (tier, score) = (.normalized, 1)
            } else {
                if isShort {
                    guard (entry.negations > 0) == contextNegated else { continue }
                } else {
                    guard entry.negations == quoteNegations else { continue }
                }
                var shared = 0.0
                var fromContext = 0.0
                for (key, weight) in entry.weights {
                    if let own = quoteWeights[key] { shared += min(own, weight) } else if contextKeys.contains(key) { fromContext += weight }
                }
                guard shared > 0, entry.total > 0, quoteTotal > 0 else { continue }
                let containment = shared / quoteTotal
                let quoteCoverage = shared / entry.total
                let coverage = min(1, (shared + StatementMatcher.contextWeight * fromContext) / entry.total)
                (tier, score) = (.fuzzy, max(containment, quoteCoverage) * coverage)
            }
            guard score >= entry.statement.threshold else { continue }
            results.append(StatementMatch(
                statementID: entry.statement.id, score: (score * 1000).rounded() / 1000, tier: tier,
                speakerMatches: speakerMatches(entry, input)))
        }
        return results.sorted { ($0.score, $1.statementID) > ($1.score, $0.statementID) }
    }

    private func speakerMatches(_ entry: Entry, _ input: MatchInput) -> Bool {
        if entry.names.isEmpty { return true }
        guard let speaker = input.speaker else {
            guard let words = input.itemWords else { return false }
            return entry.names.contains { name in !name.isEmpty && name.allSatisfy(words.contains) }
        }
        let said = StatementMatcher.nameWords(speaker)
        return entry.names.contains { name in
            !name.isEmpty && (name == said || (name.count > 1 && said.count > name.count && Array(said.suffix(name.count)) == name))
        }
    }

    /// A name as lower-cased, diacritics-folded words ("Pete Hegseth" → ["pete", "hegseth"]).
    public static func nameWords(_ name: String) -> [String] {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "-") }
            .map(String.init)
    }

    /// The item's words as ``MatchInput/itemWords`` wants them.
    public static func itemWords(_ text: String) -> Set<String> {
        Set(nameWords(text))
    }
}
