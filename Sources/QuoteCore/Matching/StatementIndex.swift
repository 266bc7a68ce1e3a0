import Dispatch

/// The tracked statements prepared for matching: each statement's weighted word keys as interned
/// ids, and a prefix-filtered inverted index over them.
///
/// Prefix filtering (as in all-pairs similarity search, Bayardo et al. 2007): a fuzzy match needs
/// the quote (with its sentence) to cover at least `threshold` of the statement's word weight. Order
/// each statement's keys rarest first; once the keys left over weigh less than `threshold` of the
/// total, a quote sharing none of the keys before them cannot reach the threshold. So only those
/// leading, rarest keys are indexed: a quote's candidates are the statements one of whose indexed
/// keys it contains, which is every statement that can match and no others worth scoring, and the
/// common words that most statements share stay out of the posting lists. The work per quote grows
/// with the statements that share its rare words, not with the number of statements; a quote whose
/// speaker must pass the speaker guard looks only among that speaker's statements.
struct StatementIndex: Sendable {
    // One array per field (not an array of structs), so that scoring a candidate copies nothing.
    let statements: [Statement]
    /// Each text with surrounding whitespace removed, for the exact tier.
    let exact: [String]
    /// The normalized words, for the normalized tier.
    let normalized: [String]
    /// Statement i's word keys are `keys[keyStart[i]..<keyStart[i + 1]]`: vocabulary ids, ascending,
    /// each once, with their weights in `weights`.
    let keyStart: [Int]
    let keys: [Int32]
    let weights: [Float]
    let totals: [Float]
    let negations: [Int]
    /// Statement i's words negated by a prefix are `antonymWords[antonymStart[i]..<antonymStart[i + 1]]`,
    /// each with the key of the word it negates in `antonymBases` ("unrealistic" → "realistic").
    let antonymStart: [Int]
    let antonymWords: [Int32]
    let antonymBases: [Int32]
    let thresholds: [Double]
    /// The speaker and aliases as name words; empty: any speaker.
    let names: [[[String]]]
    /// The distinct speaker lists (speaker and aliases, byte for byte) and which one each
    /// statement has: `names[i] == speakerLists[Int(speakerListOf[i])]`. Many statements share a
    /// speaker, so the matcher decides the speaker guard once per list rather than reading each
    /// candidate's `names` (a cache miss per candidate among 100,000 statements).
    let speakerLists: [[[String]]]
    let speakerListOf: [Int32]

    /// Word key → id.
    let vocabulary: [String: Int32]
    /// Key id → the statements with that key among their indexed (rarest) keys.
    let postings: [[Int32]]
    /// The same postings split by the last word of each of the statement's names ("hegseth"): a
    /// quote's speaker can only pass the speaker guard for statements under its own last word.
    let bySpeaker: [String: [Int32: [Int32]]]
    /// The postings of the statements with no speaker, which any speaker passes.
    let anySpeaker: [Int32: [Int32]]
    /// Normalized text → the statements with that normalized text.
    let byNormalized: [String: [Int32]]
    /// Statement id → position.
    let positions: [String: Int32]
    init(statements: [Statement]) {
        var vocabulary: [String: Int32] = [:]
        var documentFrequency: [Int32] = []
        var exact: [String] = []
        var normalizedTexts: [String] = []
        var keyStart = [0]
        var keys: [Int32] = []
        var weights: [Float] = []
        var totals: [Float] = []
        var negations: [Int] = []
        var antonymStart = [0]
        var antonymWords: [Int32] = []
        var antonymBases: [Int32] = []
        var names: [[[String]]] = []
        var speakerLists: [[[String]]] = []
        var speakerListOf: [Int32] = []
        // Keyed by the UTF-8 bytes (0xFF, never in UTF-8, between names): only byte-identical
        // lists share an entry, as `String` equality would also join canonically equivalent ones.
        var speakerListIDs: [[UInt8]: Int32] = [:]
        exact.reserveCapacity(statements.count)
        normalizedTexts.reserveCapacity(statements.count)
        var byNormalized: [String: [Int32]] = [:]
        var positions: [String: Int32] = [:]
        var namesBySpeaker: [String: [String]] = [:]
        func nameWords(_ name: String) -> [String] {
            if let known = namesBySpeaker[name] { return known }
            let words = StatementMatcher.nameWords(name)
            namesBySpeaker[name] = words
            return words
        }
        func intern(_ key: String) -> Int32 {
            if let known = vocabulary[key] { return known }
            let id = Int32(documentFrequency.count)
            vocabulary[key] = id
            documentFrequency.append(0)
            return id
        }
        for (statement, words) in zip(statements, StatementIndex.words(of: statements)) {
            var pairs: [(id: Int32, weight: Float)] = []
            pairs.reserveCapacity(words.keys.count)
            for (key, weight) in zip(words.keys, words.weights) {
                pairs.append((intern(key), weight))
            }
            for (word, base) in words.antonyms {
                antonymWords.append(intern(word))
                antonymBases.append(intern(base))
            }
            antonymStart.append(antonymWords.count)
            pairs.sort { $0.id < $1.id }
            let position = Int32(exact.count)
            var total: Float = 0
            for pair in pairs {
                keys.append(pair.id)
                weights.append(pair.weight)
                total += pair.weight
                documentFrequency[Int(pair.id)] += 1
            }
            keyStart.append(keys.count)
            totals.append(total)
            exact.append(words.exact)
            normalizedTexts.append(words.normalized)
            negations.append(words.negations)
            let speakers = [statement.speaker].compactMap { $0 } + statement.aliases
            var listKey: [UInt8] = []
            for name in speakers {
                listKey.append(contentsOf: name.utf8)
                listKey.append(0xFF)
            }
            let listID: Int32
            if let known = speakerListIDs[listKey] {
                listID = known
            } else {
                listID = Int32(speakerLists.count)
                speakerListIDs[listKey] = listID
                speakerLists.append(speakers.map(nameWords))
            }
            speakerListOf.append(listID)
            names.append(speakerLists[Int(listID)])
            byNormalized[words.normalized, default: []].append(position)
            if positions[statement.id] == nil { positions[statement.id] = position }
        }
        var postings = [[Int32]](repeating: [], count: documentFrequency.count)
        var bySpeaker: [String: [Int32: [Int32]]] = [:]
        var anySpeaker: [Int32: [Int32]] = [:]
        for (position, statement) in statements.enumerated() {
            let range = keyStart[position]..<keyStart[position + 1]
            let order = range.sorted {
                let (a, b) = (keys[$0], keys[$1])
                return (documentFrequency[Int(a)], a) < (documentFrequency[Int(b)], b)
            }
            let needed = Float(max(0, min(1, statement.threshold))) * totals[position]
            var remaining = totals[position]
            var prefix: [Int32] = []
            for index in order {
                prefix.append(keys[index])
                remaining -= weights[index]
                // Keep indexing while the keys left could still carry a match alone (with a margin
                // for rounding).
                if remaining < needed - 1e-4 { break }
            }
            // The words a prefixed word of the statement negates find it too: "not realistic" is
            // scored against "unrealistic" (a match) and "realistic" (a reversal).
            for at in antonymStart[position]..<antonymStart[position + 1] where !prefix.contains(antonymBases[at]) {
                prefix.append(antonymBases[at])
            }
            let surnames = Set(names[position].compactMap(\.last))
            for key in prefix {
                postings[Int(key)].append(Int32(position))
                if surnames.isEmpty { anySpeaker[key, default: []].append(Int32(position)) }
                for surname in surnames { bySpeaker[surname, default: [:]][key, default: []].append(Int32(position)) }
            }
        }
        self.statements = statements
        self.exact = exact
        self.normalized = normalizedTexts
        self.keyStart = keyStart
        self.keys = keys
        self.weights = weights
        self.totals = totals
        self.negations = negations
        self.antonymStart = antonymStart
        self.antonymWords = antonymWords
        self.antonymBases = antonymBases
        thresholds = statements.map(\.threshold)
        self.names = names
        self.speakerLists = speakerLists
        self.speakerListOf = speakerListOf
        self.vocabulary = vocabulary
        self.postings = postings
        self.bySpeaker = bySpeaker
        self.anySpeaker = anySpeaker
        self.byNormalized = byNormalized
        self.positions = positions
    }

    /// A statement's text as the index wants it: each word key once with its highest weight.
    private struct Words: Sendable {
        var keys: [String] = []
        var weights: [Float] = []
        var exact = ""
        var normalized = ""
        var negations = 0
        /// (word key, key of the word it negates) for each word negated by its prefix.
        var antonyms: [(String, String)] = []

        init() {}

        init(_ text: String) {
            let tokens = TextNormalizer.tokens(text)
            var seen: [String: Int] = [:]
            for token in tokens {
                let weight = Float(token.weight)
                if let at = seen[token.key] {
                    weights[at] = max(weights[at], weight)
                } else {
                    seen[token.key] = keys.count
                    keys.append(token.key)
                    weights.append(weight)
                }
                if token.isNegator { negations += 1 }
                if let base = token.antonymBase, !antonyms.contains(where: { $0.0 == token.key }) { antonyms.append((token.key, base)) }
            }
            exact = StatementMatcher.trimmed(text)
            normalized = tokens.map(\.text).joined(separator: " ")
        }
    }

    /// The words of every statement; a large set is read on every core.
    private static func words(of statements: [Statement]) -> [Words] {
        let chunk = 4096
        guard statements.count > chunk else { return statements.map { Words($0.text) } }
        var result = [Words](repeating: Words(), count: statements.count)
        result.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own disjoint slice of the buffer.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: (statements.count + chunk - 1) / chunk) { part in
                for index in (part * chunk)..<min(statements.count, (part + 1) * chunk) {
                    output[index] = Words(statements[index].text)
                }
            }
        }
        return result
    }
}
