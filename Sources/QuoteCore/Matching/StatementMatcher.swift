import Foundation

/// Decides which tracked statement a quote is, if any, in tiers: exact, normalized, fuzzy.
///
/// The fuzzy score combines how much of the quote lies in the statement (a partial quote of the key
/// phrase scores full containment) with how much of the statement the quote and its sentence cover.
/// Words are compared by their stem, so the same claim in another voice, tense or word form scores
/// as the same words ("will strike until … restores" and "will stay on strike until … are restored").
/// Guards then apply: the speaker must be the statement's speaker or an alias, and a reversed version
/// is no match: a negation added or dropped ("is realistic" against "is not realistic"), or a word
/// against its prefixed antonym ("is realistic" against "is unrealistic", see ``Antonyms``); the two
/// together cancel ("is not realistic" is "is unrealistic").
///
/// Candidates come from ``StatementIndex``'s prefix-filtered inverted index: only statements that
/// share one of their rarest words with the quote or its sentence can reach their threshold, and
/// only those are scored. Exact and normalized wordings are found through
/// a hash of the normalized text.
public struct StatementMatcher: Sendable {
    /// Weight of words found only in the quote's sentence, relative to words of the quote itself.
    static let contextWeight: Float = 0.8
    /// Quotes with fewer content words than this take their polarity from their sentence.
    static let shortQuoteWords = 4

    private let index: StatementIndex

    public init(statements: [Statement]) {
        index = StatementIndex(statements: statements)
    }

    public var statements: [Statement] { index.statements }

    /// The statement with this id.
    public func statement(id: String) -> Statement? {
        index.positions[id].map { index.statements[Int($0)] }
    }

    /// The best statement the quote matches at or above that statement's threshold, every guard
    /// passed; statements of other speakers are not scored at all.
    public func bestMatch(for input: MatchInput) -> StatementMatch? {
        matches(for: input, speakerRequired: true).first
    }

    /// Every statement the quote reaches at or above its threshold, best first, passing the polarity
    /// guard; `speakerMatches` tells whether the speaker guard passes too.
    public func candidates(for input: MatchInput) -> [StatementMatch] {
        matches(for: input, speakerRequired: false)
    }

    /// The position of a statement in the configuration, which orders events.
    public func position(of id: String) -> Int? {
        index.positions[id].map(Int.init)
    }

    /// The quote's words as the index knows them.
    private struct Probe {
        /// Known keys of the quote (ascending) with their weights, and of its sentence (weight < 0).
        var keys: [(id: Int32, weight: Float)] = []
        var total: Float = 0
        var negations = 0
        var contextNegated = false
        var isShort = false
        /// The quote's words negated by a prefix, as (word key, negated key) ids the index knows.
        var antonyms: [(word: Int32, base: Int32)] = []
    }

    private func probe(_ input: MatchInput, _ quoteTokens: [TextNormalizer.Token]) -> Probe {
        var probe = Probe()
        var quoteWeights: [String: Float] = [:]
        quoteWeights.reserveCapacity(quoteTokens.count)
        // The larger weight of a key's tokens, found with one lookup (a weight is never below 0.25).
        func raise(_ stored: inout Float, to weight: Float) { stored = max(stored, weight) }
        for token in quoteTokens {
            raise(&quoteWeights[token.key, default: 0], to: Float(token.weight))
            if token.isNegator { probe.negations += 1 }
        }
        probe.total = quoteWeights.values.reduce(0, +)
        probe.isShort = quoteTokens.count { !$0.isStopword } < StatementMatcher.shortQuoteWords
        var keys: [Int32: Float] = [:]
        keys.reserveCapacity(quoteWeights.count)
        for (key, weight) in quoteWeights {
            if let id = index.vocabulary[key] { keys[id] = weight }
        }
        func antonyms(_ tokens: [TextNormalizer.Token]) {
            for token in tokens {
                // The word itself may be in no statement (-1): only what it negates must be.
                guard let base = token.antonymBase, let negated = index.vocabulary[base] else { continue }
                probe.antonyms.append((index.vocabulary[token.key] ?? -1, negated))
            }
        }
        antonyms(quoteTokens)
        // Polarity: a long quote must negate as often as the statement; a short one is read with its
        // sentence, which must negate exactly when the statement does.
        let contextTokens = TextNormalizer.tokens(input.context, reusing: quoteTokens)
        probe.contextNegated = probe.negations > 0 || contextTokens.contains(where: \.isNegator)
        for token in contextTokens where quoteWeights[token.key] == nil {
            if let id = index.vocabulary[token.key] { keys[id] = -1 }
        }
        // A short quote takes its sense from its sentence, antonyms included.
        if probe.isShort { antonyms(contextTokens.filter { quoteWeights[$0.key] == nil }) }
        probe.keys = keys.map { (id: $0.key, weight: $0.value) }.sorted { $0.id < $1.id }
        return probe
    }

    /// The statements among the given ones (those an item quoted before) the quote still reaches,
    /// scored one by one without the index, best first, whatever its speaker and including reversed
    /// versions (``StatementMatch/reversed``): is the statement still quoted, by someone else or
    /// turned around?
    public func candidates(for input: MatchInput, among statementIDs: some Collection<String>) -> [StatementMatch] {
        guard !statementIDs.isEmpty else { return [] }
        return matches(for: input, speakerRequired: false, among: statementIDs.compactMap { index.positions[$0] }, reversedToo: true)
    }

    private func matches(for input: MatchInput, speakerRequired: Bool, among chosen: [Int32]? = nil, reversedToo: Bool = false) -> [StatementMatch] {
        let quoteTokens = TextNormalizer.tokens(input.text)
        guard !quoteTokens.isEmpty else { return [] }
        let trimmed = StatementMatcher.trimmed(input.text)
        let normalized = quoteTokens.map(\.text).joined(separator: " ")
        let probe = probe(input, quoteTokens)
        let said = input.speaker.map(StatementMatcher.nameWords)

        // Candidates: the statements whose indexed keys the quote shares, and those of its wording.
        var seen = [UInt64](repeating: 0, count: index.statements.count / 64 + 1)
        var positions: [Int32] = []
        func consider(_ position: Int32) {
            let (word, bit) = (Int(position) >> 6, UInt64(1) << UInt64(position & 63))
            guard seen[word] & bit == 0 else { return }
            seen[word] |= bit
            positions.append(position)
        }
        let sameWording = index.byNormalized[normalized] ?? []
        if chosen == nil { for position in sameWording { consider(position) } }
        if let chosen {
            for position in chosen { consider(position) }
        } else if speakerRequired {
            // Only statements the speaker guard can pass: those under the speaker's last name (or,
            // for an unattributed quote, under a word of the item), and those of any speaker.
            var groups = [index.anySpeaker]
            if let said {
                if let last = said.last, let group = index.bySpeaker[last] { groups.append(group) }
            } else if let itemWords = input.itemWords {
                for word in itemWords { if let group = index.bySpeaker[word] { groups.append(group) } }
            }
            for group in groups {
                for key in probe.keys { for position in group[key.id] ?? [] { consider(position) } }
                for pair in probe.antonyms { for position in group[pair.base] ?? [] { consider(position) } }
            }
        } else {
            for key in probe.keys {
                for position in index.postings[Int(key.id)] { consider(position) }
            }
            for pair in probe.antonyms {
                for position in index.postings[Int(pair.base)] { consider(position) }
            }
        }

        // Each match with how much of the quote it accounts for, to rank equal scores.
        var results: [(match: StatementMatch, ofQuote: Double)] = []
        // The speaker guard per speaker list, decided on first use (0: not yet, 1: fails, 2:
        // passes); with more lists than this, per candidate as before.
        var verdicts = index.speakerLists.count <= 65536 ? [UInt8](repeating: 0, count: index.speakerLists.count) : []
        for position in positions.map(Int.init) {
            let speakerMatches: Bool
            if verdicts.isEmpty {
                speakerMatches = self.speakerMatches(index.names[position], said, input.itemWords)
            } else {
                let list = Int(index.speakerListOf[position])
                if verdicts[list] == 0 {
                    verdicts[list] = self.speakerMatches(index.speakerLists[list], said, input.itemWords) ? 2 : 1
                }
                speakerMatches = verdicts[list] == 2
            }
            if speakerRequired && !speakerMatches { continue }
            let tier: StatementMatch.Tier
            let score: Double
            var ofQuote = 1.0
            var reversed = false
            if sameWording.contains(Int32(position)) {
                (tier, score) = (trimmed == index.exact[position] ? .exact : .normalized, 1)
            } else {
                guard let sense = polarity(position, probe), sense.same || reversedToo else { continue }
                reversed = !sense.same
                guard let fuzzy = fuzzyScore(position, probe, paired: sense.paired) else { continue }
                (tier, score, ofQuote) = (.fuzzy, fuzzy.score, fuzzy.containment)
            }
            guard score >= index.thresholds[position] else { continue }
            results.append((StatementMatch(
                statementID: index.statements[position].id, score: (score * 1000).rounded() / 1000, tier: tier,
                speakerMatches: speakerMatches, reversed: reversed), ofQuote))
        }
        // Best first; at an equal score, the statement that is more of the quote (a quote holding
        // a shorter statement whole scores 1 for it too), then the stricter tier.
        return results.sorted {
            ($0.match.score, $0.ofQuote, $0.match.tier.rank, $1.match.statementID) > ($1.match.score, $1.ofQuote, $1.match.tier.rank, $0.match.statementID)
        }.map(\.match)
    }

    /// How a quote's sense stands to a statement's: the same or reversed, and how many words of
    /// one stand for words of the other as a negation with an antonym ("not legal" for "illegal").
    private struct Sense {
        var same: Bool
        var paired: Int
    }

    /// Whether the quote says what the statement says or its opposite; nil when neither clearly
    /// (negations differing by two or more). A long quote must negate as often as the statement; a
    /// short one is read with its sentence, which must negate exactly when the statement does. Each
    /// word that stands against its prefixed antonym on the other side ("realistic" against
    /// "unrealistic") counts as one negation more: an odd count in all is the opposite sense.
    private func polarity(_ position: Int, _ probe: Probe) -> Sense? {
        let negations = index.negations[position]
        let differing = probe.isShort ? ((negations > 0) != probe.contextNegated ? 1 : 0) : abs(negations - probe.negations)
        guard differing <= 1 else { return nil }
        var flips = 0
        let keys = index.keys[index.keyStart[position]..<index.keyStart[position + 1]]
        func statementHas(_ id: Int32) -> Bool { StatementMatcher.contains(keys, id) }
        // A long quote's own words; a short one's with its sentence's (weight < 0).
        func quoteHas(_ id: Int32) -> Bool { StatementMatcher.weight(in: probe.keys, of: id).map { probe.isShort || $0 >= 0 } ?? false }
        // The statement's "unrealistic" against the quote's "realistic".
        for at in index.antonymStart[position]..<index.antonymStart[position + 1] {
            if quoteHas(index.antonymBases[at]) && !quoteHas(index.antonymWords[at]) { flips += 1 }
        }
        // The quote's "unrealistic" against the statement's "realistic".
        for pair in probe.antonyms where statementHas(pair.base) && !statementHas(pair.word) { flips += 1 }
        // A negation and an antonym cancel: "not legal" is "illegal", the two words for the one.
        let paired = differing == 1 && flips % 2 == 1 ? 2 : 0
        return Sense(same: (differing + flips) % 2 == 0, paired: paired)
    }

    /// Whether ascending `keys` hold `id` (binary search).
    private static func contains(_ keys: ArraySlice<Int32>, _ id: Int32) -> Bool {
        var low = keys.startIndex
        var high = keys.endIndex
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < keys.endIndex && keys[low] == id
    }

    /// The weight of `id` in the probe's ascending keys, or nil (binary search).
    private static func weight(in keys: [(id: Int32, weight: Float)], of id: Int32) -> Float? {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low < keys.count && keys[low].id == id ? keys[low].weight : nil
    }

    /// max(containment, coverage by the quote) × coverage by the quote and its sentence, with the
    /// containment (the share of the quote in the statement); nil when nothing is shared. Both key lists are ascending: one merge.
    /// `paired`: the weight of words that stand for each other as a negation with an antonym, counted as shared.
    private func fuzzyScore(_ position: Int, _ probe: Probe, paired: Int = 0) -> (score: Double, containment: Double)? {
        var shared: Float = 0
        var fromContext: Float = 0
        var i = index.keyStart[position]
        let end = index.keyStart[position + 1]
        var j = 0
        let keys = probe.keys
        while i < end && j < keys.count {
            let (a, b) = (index.keys[i], keys[j].id)
            if a < b {
                i += 1
            } else if a > b {
                j += 1
            } else {
                let weight = index.weights[i]
                if keys[j].weight >= 0 { shared += min(keys[j].weight, weight) } else { fromContext += weight }
                i += 1
                j += 1
            }
        }
        let total = index.totals[position]
        guard shared > 0, total > 0, probe.total > 0 else { return nil }
        shared += Float(paired)
        let containment = min(1, Double(shared / probe.total))
        let quoteCoverage = min(1, Double(shared / total))
        let coverage = min(1, Double((shared + StatementMatcher.contextWeight * fromContext) / total))
        return (max(containment, quoteCoverage) * coverage, containment)
    }

    private func speakerMatches(_ names: [[String]], _ said: [String]?, _ itemWords: Set<String>?) -> Bool {
        if names.isEmpty { return true }
        guard let said else {
            guard let itemWords else { return false }
            return names.contains { name in !name.isEmpty && name.allSatisfy(itemWords.contains) }
        }
        return names.contains { name in
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
        var words: [String] = []
        var word: [UInt8] = []
        var folded = false
        func flush() {
            defer { word.removeAll(keepingCapacity: true); folded = false }
            guard !word.isEmpty else { return }
            let text = String(decoding: word, as: UTF8.self)
            // Only a word with letters beyond ASCII pays for Foundation's folding.
            words.append(folded ? text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) : text)
        }
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case 0x61...0x7A, 0x30...0x39, UInt8(ascii: "'"), UInt8(ascii: "-"): word.append(byte)
                case 0x41...0x5A: word.append(byte + 0x20)
                default: flush()
                }
            } else {
                let properties = scalar.properties
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    // Part of the letter before it ("e" + U+0301).
                    guard !word.isEmpty else { continue }
                default:
                    guard properties.isAlphabetic || properties.numericType != nil else {
                        flush()
                        continue
                    }
                }
                word.append(contentsOf: UTF8.encode(scalar)!)
                folded = true
            }
        }
        flush()
        return words
    }

    /// The item's words as ``MatchInput/itemWords`` wants them.
    public static func itemWords(_ text: String) -> Set<String> {
        Set(nameWords(text))
    }
}
