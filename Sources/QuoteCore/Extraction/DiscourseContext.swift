/// The discourse context of one article as the attribution pass reads it front to back: the people
/// it names (their fullest name and gender, in a `NameRegistry`), the person and the institution
/// named last, and the last few people named. Resolves a `Mention` against it: a surname to the
/// full name, "he"/"she"/"they"/"it" to whom they stand for.
struct DiscourseContext {
    /// Every person the article names, by surname, with the genders learned so far. Its names are all
    /// registered up front (`init`); only genders are added while reading.
    private(set) var registry = NameRegistry()
    /// The person named last as a speaker or subject: who "he", "she" and "they" stand for.
    private(set) var lastPerson: String?
    /// The institution or unnamed source named last, and whether it is plural: who "it" stands for,
    /// and "they" when it was named after `lastPerson`.
    private var lastGroup: (description: String, plural: Bool)?
    /// True when `lastGroup` was named after `lastPerson`.
    private var lastWasGroup = false
    /// The last distinct people named (at most eight, newest last), for a pronoun whose gender rules
    /// out `lastPerson`: "Mr. Paul Kerr and Mrs. Jane Kerr … she".
    private var recentPersons: [String] = []

    /// Registers every person `text` names: each capitalized run that names a person, unless it is
    /// a single untitled word opening a sentence ("Hope" in "Hope faded."); and the full or titled
    /// names the quotes hold ("I met with FBI Director James Comey"), which vouch for a surname the
    /// narration uses alone.
    init(registeringPeopleIn text: ArticleText) {
        registry.commonWords = text.lowercaseWords
        for (k, token) in text.tokens.enumerated() where token.isCapWord {
            registry.capitalizedCounts[token.lower, default: 0] += 1
            let beforeVerb = k + 1 < text.tokens.count && (text.isSpeechVerb(k + 1) || text.tokens[k + 1].lower(in: .finiteAuxiliaries))
            if !text.isSentenceStart(k) || beforeVerb { registry.midSentenceWords.insert(token.lower) }
        }
        register(text, quoted: false)
        defer { registerRoles(text) }
        let inner = text.quoteRanges.compactMap { $0 }
        guard !inner.isEmpty else { return }
        var scalars: [Unicode.Scalar] = []
        for range in inner {
            scalars.append(contentsOf: text.scalars[range].map { QuoteMarkScanner.isQuoteMark($0) ? " " : $0 })
            scalars.append("\n")
        }
        register(ArticleText(scalars: scalars, tokens: Tokenizer.tokenize(scalars, quotes: []), spans: []), quoted: true)
    }

    private mutating func register(_ text: ArticleText, quoted: Bool) {
        let tokens = text.tokens
        var k = 0
        while k < tokens.count {
            guard tokens[k].isCapWord else { k += 1; continue }
            let e = text.capRunForward(k)
            switch text.analyzeRun(k, e) {
            case .person(let name, let gender, let titled)?:
                let single = !ScalarText.containsSpace(name)
                if !single || titled || (!quoted && !text.isSentenceStart(k)) { registry.register(name, gender: gender, titled: titled) }
            case .group?:
                // "Northwind Energy", "Halcyon Foods": the first word names the company alone.
                if e - k >= 2, tokens[e - 1].bare(in: .orgWords), !tokens[k].bare(in: .titles),
                   !tokens[k].bare(in: .places), !tokens[k].bare(in: .nationalities) {
                    registry.organisationWords.insert(tokens[k].lower)
                }
            default:
                break
            }
            k = max(e, k + 1)
        }
    }

    /// The roles the narration gives each person it names ("the German director Ines Falkenrath").
    private mutating func registerRoles(_ text: ArticleText) {
        let tokens = text.tokens
        var k = 0
        while k < tokens.count {
            guard tokens[k].isCapWord else { k += 1; continue }
            let e = text.capRunForward(k)
            if case .person(let name, _, let titled)? = text.analyzeRun(k, e), !tokens[e - 1].possessive {
                let full = registry.fullName(for: name)
                if ScalarText.containsSpace(full) || titled {
                    for role in text.roles(ofPersonRun: k, e, nameWords: NameRegistry.words(name).count) {
                        registry.register(role: role, for: full)
                    }
                }
            }
            k = max(e, k + 1)
        }
    }

    /// The person a role stands for: "the captain", "their director", "His mother" when the article
    /// gives someone that role (the one named most recently, if several), else nil. With
    /// `definiteOnly`, an indefinite phrase ("a former bookkeeper", "one official") is nobody's.
    func holder(ofRole description: String, definiteOnly: Bool) -> String? {
        let words = NameRegistry.words(description)
        guard let first = words.first?.lowercased(), var last = words.last?.lowercased(), words.count <= 5 else { return nil }
        if last.hasPrefix("ex-") { last = String(last.dropFirst(3)) }
        if definiteOnly {
            let definite = ["the", "his", "her", "their", "its", "our"].contains(first) || first.hasSuffix("\u{2019}s") || first.hasSuffix("'s")
            guard definite, words.count > 1 else { return nil }
            // An office ("the president", "the judge") may be anyone who holds it; a role the article
            // gave someone ("their captain", "His mother") is that person.
            guard !Lexicon.officeTitles.contains(last), !Lexicon.titles.contains(last) else { return nil }
        }
        guard let holders = registry.roleHolders[last], !holders.isEmpty else { return nil }
        return recentPersons.last(where: holders.contains) ?? holders.first
    }

    /// The person the article names most often (by surname).
    func mostNamedPerson() -> String? { registry.mostNamedPerson() }

    // MARK: - Resolution

    /// Who `mention` stands for now: a person's fullest registered name (learning the gender its
    /// title gave), a group's description, or a pronoun's referent (nobody when there is none).
    mutating func resolve(_ mention: Mention) -> Mention.Resolution {
        switch mention {
        case .person(let name, let gender, let titled):
            let full = registry.fullName(for: name)
            // One capitalized word is a person only when the article vouches for it ("Politico",
            // "Texas" and "Hours" are not; "Hegseth" after "Pete Hegseth" is): else an institution.
            if !ScalarText.containsSpace(full) && !titled && !registry.vouchesFor(full) { return Mention.Resolution(speaker: nil, source: name) }
            // Two capitalized words are a place or a thing rather than a person when the first is no
            // first name and the last a word the article writes in lowercase ("East Room", "Trump Leads").
            if ScalarText.containsSpace(full) && !titled, let first = NameRegistry.words(full).first, let last = NameRegistry.words(full).last,
               FirstNames.table[first.lowercased()] == nil, registry.commonWords.contains(last.lowercased()) {
                return Mention.Resolution(speaker: nil, source: name)
            }
            if let gender { registry.learn(gender: gender, for: full) }
            return Mention.Resolution(speaker: full, source: nil)
        case .group(let description, _):
            // A place or a word of an organisation that is also the surname of someone the article
            // names in full ("Israel said" after "Rep. Steve Israel") is that person.
            if !ScalarText.containsSpace(description), registry.isSurnameOfFullName(description) {
                return Mention.Resolution(speaker: registry.fullName(for: description), source: nil)
            }
            // "the captain", "His mother": the person the article gives that role.
            if let holder = holder(ofRole: description, definiteOnly: true) { return Mention.Resolution(speaker: holder, source: nil) }
            return Mention.Resolution(speaker: nil, source: description)
        case .pronoun(let pronoun):
            switch pronoun {
            case "he", "she":
                guard let person = lastPerson else { return Mention.Resolution() }
                let want: NameRegistry.Gender = pronoun == "he" ? .male : .female
                if let gender = registry.gender(of: person), gender != want {
                    return Mention.Resolution(speaker: recentOther(want), source: nil)
                }
                registry.infer(gender: want, for: person)
                return Mention.Resolution(speaker: person, source: nil)
            case "they":
                // "They" is a group the article named (people, officials), hardly ever one person.
                if let (group, plural) = lastGroup, plural { return Mention.Resolution(speaker: nil, source: group) }
                return Mention.Resolution()
            case "it":
                if let (group, plural) = lastGroup, !plural { return Mention.Resolution(speaker: nil, source: group) }
                return Mention.Resolution()
            default:
                return Mention.Resolution()
            }
        }
    }

    /// The most recent person of gender `want` (or of unknown gender).
    private func recentOther(_ want: NameRegistry.Gender) -> String? {
        recentPersons.last(where: { registry.gender(of: $0) == want || registry.gender(of: $0) == nil })
    }

    // MARK: - Noting who was named

    /// Notes a speaker or subject: a person (resolved here unless `resolved` is given) becomes the
    /// last person, a group the last group; a pronoun notes the person it was `resolved` to.
    mutating func note(_ mention: Mention?, resolved: Mention.Resolution? = nil) {
        guard let mention else { return }
        switch mention {
        case .person:
            let resolution = resolved ?? resolve(mention)
            if let name = resolution.speaker { notePerson(name) }
        case .group(let description, let plural):
            if let name = (resolved ?? resolve(mention)).speaker {
                notePerson(name)
            } else {
                lastGroup = (description, plural)
                lastWasGroup = true
            }
        case .pronoun:
            if let resolved, let name = resolved.speaker { notePerson(name) }
        }
    }

    /// Every person named in a sentence joins the recent list (for pronouns whose gender rules out
    /// the subject: "Mr. Paul Kerr and Mrs. Jane Kerr … she", "between Mrs. Nakamura and Mr.
    /// Whitfield … she").
    mutating func notePeopleNamed(inSentence sentenceIndex: Int, of text: ArticleText) {
        let tokens = text.tokens
        let sentence = text.sentences[sentenceIndex]
        var k = sentence.lowerBound
        while k < sentence.upperBound {
            guard tokens[k].isCapWord else { k += 1; continue }
            let e = min(text.capRunForward(k), sentence.upperBound)
            if !tokens[e - 1].possessive, case .person(let name, let gender, let titled)? = text.analyzeRun(k, e) {
                let full = registry.fullName(for: name)
                guard ScalarText.containsSpace(full) || titled || registry.vouchesFor(full) else { k = max(e, k + 1); continue }
                if let gender { registry.learn(gender: gender, for: full) }
                if recentPersons.last != full { recentPersons.append(full) }
                if recentPersons.count > 8 { recentPersons.removeFirst() }
            }
            k = max(e, k + 1)
        }
    }

    /// Learns a person's gender from the pronouns the article uses for them: "Alex Morgan said her
    /// team was ready" outranks the first-name table when `stated` (the pronoun follows the name
    /// closely); else it only fills in where nothing is known.
    mutating func learn(_ gender: NameRegistry.Gender, for name: String, stated: Bool) {
        if stated { registry.learn(gender: gender, for: name) } else { registry.infer(gender: gender, for: name) }
    }

    private mutating func notePerson(_ name: String) {
        lastPerson = name
        lastWasGroup = false
        if recentPersons.last != name { recentPersons.append(name) }
        if recentPersons.count > 8 { recentPersons.removeFirst() }
    }
}
