import Foundation

/// Decides which tracked statement a quote is, if any, in tiers: exact, normalized, fuzzy.
///
/// The fuzzy score combines how much of the quote lies in the statement (a partial quote of the key
/// phrase scores full containment) with how much of the statement the quote and its sentence cover.
/// Guards then apply: the speaker must be the statement's speaker or an alias, and a negated version
/// ("is realistic" against "is not realistic") is no match.
///
/// Candidates come from an inverted word index: each statement sharing a word with the quote (or, for
/// a short quote, with its sentence) accumulates the word's inverse document frequency, and only the
/// best ``maximumCandidates`` are scored in full. Words found in more than a tenth of a large statement
/// set are not probed (they tell nothing apart), so the cost of a quote stays near constant as the
/// statements grow. Exact and normalized wordings are found through a hash of the normalized text.
public struct StatementMatcher: Sendable {
    /// Weight of words found only in the quote's sentence, relative to words of the quote itself.
    static let contextWeight = 0.8
    /// Quotes with fewer content words than this are read together with their sentence.
    static let shortQuoteWords = 4
    /// Statements scored in full per quote, the best by shared-word weight.
    static let maximumCandidates = 64
    /// Posting lists longer than this (and than a tenth of the statements) are not probed.
    static let commonWordPostings = 2000

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
    private let index: [String: [Int32]]
    private let byNormalized: [String: [Int32]]

    public init(statements: [Statement]) {
        var entries: [Entry] = []
        var index: [String: [Int32]] = [:]
        var byNormalized: [String: [Int32]] = [:]
        for statement in statements {
            let tokens = TextNormalizer.tokens(statement.text)
            var weights: [String: Double] = [:]
            for token in tokens { weights[token.key] = max(weights[token.key] ?? 0, token.weight) }
            let names = ([statement.speaker].compactMap { $0 } + statement.aliases).map(StatementMatcher.nameWords)
            entries.append(Entry(
                statement: statement,
                exact: StatementMatcher.trimmed(statement.text),
                normalized: tokens.map(\.text).joined(separator: " "),
                weights: weights,
                total: weights.values.reduce(0, +),
                negations: tokens.filter(\.isNegator).count,
                names: names))
            let position = Int32(entries.count - 1)
            for key in weights.keys where weights[key] == 1 {
                index[key, default: []].append(position)
            }
            byNormalized[entries[entries.count - 1].normalized, default: []].append(position)
        }
        self.entries = entries
        self.index = index
        self.byNormalized = byNormalized
    }

    /// The statements worth scoring for these keys: the best ``maximumCandidates`` by accumulated
    /// inverse document frequency of the words they share, plus every statement of the same
    /// normalized wording.
    private func candidatePositions(quoteKeys: some Sequence<String>, contextKeys: some Sequence<String>, normalized: String) -> [Int32] {
        let count = Double(entries.count)
        let probeLimit = max(StatementMatcher.commonWordPostings, entries.count / 10)
        var accumulated: [Int32: Double] = [:]
        func probe(_ key: String, _ factor: Double) {
            guard let postings = index[key], postings.count <= probeLimit else { return }
            let idf = log((count + 1) / Double(postings.count)) + 1
            for position in postings { accumulated[position, default: 0] += idf * factor }
        }
        for key in quoteKeys { probe(key, 1) }
        for key in contextKeys { probe(key, StatementMatcher.contextWeight) }
        var best: [(Int32, Double)] = []
        best.reserveCapacity(StatementMatcher.maximumCandidates + 1)
        for (position, weight) in accumulated {
            if best.count == StatementMatcher.maximumCandidates, let last = best.last, weight <= last.1 { continue }
            let at = best.firstIndex { weight > $0.1 } ?? best.count
            best.insert((position, weight), at: at)
            if best.count > StatementMatcher.maximumCandidates { best.removeLast() }
        }
        var positions = best.map(\.0)
        for position in byNormalized[normalized] ?? [] where !positions.contains(position) { positions.append(position) }
        return positions
    }

    public var statements: [Statement] { entries.map(\.statement) }

    /// The statement with this id.
    public func statement(id: String) -> Statement? {
        entries.first { $0.statement.id == id }?.statement
    }

    /// The best statement the quote matches at or above that statement's threshold, guards applied.
    public func bestMatch(for input: MatchInput) -> StatementMatch? {
        candidates(for: input).first { $0.speakerMatches }
    }

    /// Every statement the quote reaches at or above its threshold, best first, passing the negation
    /// guard; `speakerMatches` tells whether the speaker guard passes too.
    public func candidates(for input: MatchInput) -> [StatementMatch] {
        let quoteTokens = TextNormalizer.tokens(input.text)
        guard !quoteTokens.isEmpty else { return [] }
        let trimmed = StatementMatcher.trimmed(input.text)
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

        let positions = candidatePositions(
            quoteKeys: quoteWeights.keys, contextKeys: isShort ? contextKeys : [], normalized: normalized)
        var results: [StatementMatch] = []
        for position in positions {
            let entry = entries[Int(position)]
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

    /// The text without leading and trailing whitespace (looking only at its ends).
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
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
