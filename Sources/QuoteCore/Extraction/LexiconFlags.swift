/// Which of the `Lexicon` lists a word is in, as bits: worked out once per token by `Token`, so
/// that the attribution's many questions of a token ("a determiner?", "a title, its period
/// aside?") are bit tests instead of hash lookups.
struct LexiconFlags: OptionSet, Sendable {
    let rawValue: UInt32

    static let attributionTail = LexiconFlags(rawValue: 1 << 0)
    static let auxiliaries = LexiconFlags(rawValue: 1 << 1)
    static let determiners = LexiconFlags(rawValue: 1 << 2)
    static let femalePronouns = LexiconFlags(rawValue: 1 << 3)
    static let finiteAuxiliaries = LexiconFlags(rawValue: 1 << 4)
    static let malePronouns = LexiconFlags(rawValue: 1 << 5)
    static let modalsAndTo = LexiconFlags(rawValue: 1 << 6)
    static let nameSuffixes = LexiconFlags(rawValue: 1 << 7)
    static let nationalities = LexiconFlags(rawValue: 1 << 8)
    static let negations = LexiconFlags(rawValue: 1 << 9)
    static let objectVerbs = LexiconFlags(rawValue: 1 << 10)
    static let officeTitles = LexiconFlags(rawValue: 1 << 11)
    static let orgWords = LexiconFlags(rawValue: 1 << 12)
    static let particles = LexiconFlags(rawValue: 1 << 13)
    static let places = LexiconFlags(rawValue: 1 << 14)
    static let pluralSources = LexiconFlags(rawValue: 1 << 15)
    static let prepositions = LexiconFlags(rawValue: 1 << 16)
    static let pronouns = LexiconFlags(rawValue: 1 << 17)
    static let retortVerbs = LexiconFlags(rawValue: 1 << 18)
    static let sourceHeads = LexiconFlags(rawValue: 1 << 19)
    static let speechVerbs = LexiconFlags(rawValue: 1 << 20)
    static let stopCaps = LexiconFlags(rawValue: 1 << 21)
    static let subordinators = LexiconFlags(rawValue: 1 << 22)
    static let titles = LexiconFlags(rawValue: 1 << 23)

    /// Every word of the flagged lists, with the lists it is in; as a `WordSet`, it answers as the
    /// lists' own `contains` does, canonical equivalence included.
    private static let table: WordSet = {
        let lists: [(WordSet, LexiconFlags)] = [
            (Lexicon.attributionTail, .attributionTail),
            (Lexicon.auxiliaries, .auxiliaries),
            (Lexicon.determiners, .determiners),
            (Lexicon.femalePronouns, .femalePronouns),
            (Lexicon.finiteAuxiliaries, .finiteAuxiliaries),
            (Lexicon.malePronouns, .malePronouns),
            (Lexicon.modalsAndTo, .modalsAndTo),
            (Lexicon.nameSuffixes, .nameSuffixes),
            (Lexicon.nationalities, .nationalities),
            (Lexicon.negations, .negations),
            (Lexicon.objectVerbs, .objectVerbs),
            (Lexicon.officeTitles, .officeTitles),
            (Lexicon.orgWords, .orgWords),
            (Lexicon.particles, .particles),
            (Lexicon.places, .places),
            (Lexicon.pluralSources, .pluralSources),
            (Lexicon.prepositions, .prepositions),
            (Lexicon.pronouns, .pronouns),
            (Lexicon.retortVerbs, .retortVerbs),
            (Lexicon.sourceHeads, .sourceHeads),
            (Lexicon.speechVerbs, .speechVerbs),
            (Lexicon.stopCaps, .stopCaps),
            (Lexicon.subordinators, .subordinators),
            (Lexicon.titles, .titles),
        ]
        var table: [String: UInt32] = [:]
        for (list, flag) in lists {
            for word in list.words { table[word, default: 0] |= flag.rawValue }
        }
        return WordSet(values: table)
    }()

    /// The lists `word` is in.
    static func of(_ word: String) -> LexiconFlags {
        LexiconFlags(rawValue: table.value(of: word))
    }
}
