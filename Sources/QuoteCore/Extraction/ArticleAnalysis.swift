/// Speaker attribution and quote classification over the token stream of one article.
struct ArticleAnalysis {
    /// Who a noun phrase names, before resolution against the article's context.
    enum Mention {
        case person(String, NameRegistry.Gender?)
        case pronoun(String)
        case group(String, plural: Bool)
    }

    struct Resolved: Equatable {
        var speaker: String?
        var source: String?
        var isEmpty: Bool { speaker == nil && source == nil }
    }

    let s: [Unicode.Scalar]
    let t: [Token]
    let spans: [QuoteMarkScanner.MarkSpan]

    /// Trimmed text range of each quote (nil when empty).
    private var inner: [Range<Int>?] = []
    private var endsSentence: [Bool] = []
    private var quoteToken: [Int] = []
    private var sentences: [Range<Int>] = []
    private var sentenceOf: [Int] = []
    private var lowercaseSeen: Set<String> = []
    private var registry = NameRegistry()
    private var subjectCache: [Int: Mention?] = [:]

    // Pronoun context.
    private var lastPerson: String?
    private var lastGroup: (String, Bool)?
    private var lastWasGroup = false

    init(s: [Unicode.Scalar], tokens: [Token], spans: [QuoteMarkScanner.MarkSpan]) {
        self.s = s
        self.t = tokens
        self.spans = spans
    }

    // MARK: - Small helpers

    private func string(_ a: Int, _ b: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s[a..<b])
        return String(v)
    }

    private func isSpeechVerb(_ k: Int) -> Bool {
        t[k].isWord && !t[k].isCap && Lexicon.speechVerbs.contains(t[k].lower)
    }

    private static let pronouns: Set<String> = ["he", "she", "they", "it", "i", "we"]

    private func isAcronym(_ tok: Token) -> Bool {
        let letters = tok.text.unicodeScalars.filter { $0 != "." }
        return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase || QuoteMarkScanner.isDigit($0) }
    }

    /// Text of tokens a..<b as it appears in the article (a trailing possessive dropped).
    private func slice(_ a: Int, _ b: Int) -> String {
        let last = t[b - 1]
        return string(t[a].start, last.possessive ? last.end - 2 : last.end)
    }

    /// Only meaningful once sentences are segmented; during segmentation, an unfinished sentence
    /// counts as not started here.
    private func isSentenceStart(_ k: Int) -> Bool {
        k < sentenceOf.count && sentenceOf[k] < sentences.count && sentences[sentenceOf[k]].lowerBound == k
    }

    // MARK: - Pipeline

    mutating func run() -> [Quote] {
        prepareQuotes()
        for tok in t where tok.isWord && !tok.isCap { lowercaseSeen.insert(tok.lower) }
        segmentSentences()
        buildRegistry()
        return attribute()
    }

    private mutating func prepareQuotes() {
        inner = []
        endsSentence = []
        quoteToken = [Int](repeating: -1, count: spans.count)
        for (k, tok) in t.enumerated() where tok.kind == .quote { quoteToken[tok.quote] = k }
        for span in spans {
            var a = span.open + 1
            var b = span.close
            while a < b && QuoteMarkScanner.isSpace(s[a]) { a += 1 }
            while b > a && QuoteMarkScanner.isSpace(s[b - 1]) { b -= 1 }
            let last = b > a ? s[b - 1] : " "
            endsSentence.append(".?!\u{2026}".unicodeScalars.contains(last))
            // Benchmark convention: one trailing comma goes (it belongs to the attribution, "…,” she
            // said); terminal . ? ! … stay, as they are part of what was said.
            if b > a && s[b - 1] == "," {
                b -= 1
                while b > a && QuoteMarkScanner.isSpace(s[b - 1]) { b -= 1 }
            }
            inner.append(b > a ? a..<b : nil)
        }
    }

    private mutating func segmentSentences() {
        sentences = []
        sentenceOf = [Int](repeating: 0, count: t.count)
        var start = 0
        func close(_ end: Int) {
            if start < end {
                for k in start..<end { sentenceOf[k] = sentences.count }
                sentences.append(start..<end)
            }
            start = end
        }
        for i in 0..<t.count {
            let tok = t[i]
            if tok.kind == .paragraphBreak {
                close(i)
                sentenceOf[i] = max(0, sentences.count - 1)
                start = i + 1
                continue
            }
            let next: Token? = i + 1 < t.count ? t[i + 1] : nil
            var boundary = false
            if tok.kind == .punct && [".", "?", "!", "\u{2026}"].contains(tok.text) {
                if let nx = next {
                    boundary = nx.kind == .paragraphBreak || nx.kind == .quote || nx.isCap
                } else {
                    boundary = true
                }
            } else if tok.kind == .quote && endsSentence[tok.quote], let nx = next, nx.isCap || nx.kind == .quote {
                boundary = afterAttribution(i, strict: true) == nil
            }
            if boundary { close(i + 1) }
        }
        close(t.count)
    }

    // MARK: - Names

    /// End (exclusive) of the run of capitalized name words starting at `i`.
    private func capRunForward(_ i: Int) -> Int {
        var j = i
        while j < t.count {
            let tok = t[j]
            if tok.isCapWord {
                j += 1
                if tok.possessive { break }
                continue
            }
            if tok.isWord && j > i, let after = particleRunEnd(j), after < t.count && t[after].isCapWord {
                j = after
                continue
            }
            if tok.isWord && j > i && j + 1 < t.count && t[j + 1].isCapWord {
                if (tok.lower == "of" || tok.lower == "for") && Lexicon.titles.contains(t[j - 1].bare) { j += 1; continue }
            }
            break
        }
        return j
    }

    /// When lowercase name particles ("van der", "bin", "de la") start at `j`, the index after them
    /// (at most three); nil when `t[j]` is not a particle.
    private func particleRunEnd(_ j: Int) -> Int? {
        var k = j
        while k < t.count && k < j + 3 && t[k].isWord && !t[k].isCap && Lexicon.particles.contains(t[k].lower) { k += 1 }
        return k > j ? k : nil
    }

    /// Start of the run of capitalized name words ending at `j` (inclusive), not before `lb`.
    private func capRunBackward(_ j: Int, _ lb: Int) -> Int {
        var a = j
        while a - 1 >= lb {
            let p = t[a - 1]
            if p.possessive { break }
            if p.isCapWord { a -= 1; continue }
            if p.isWord && Lexicon.particles.contains(p.lower) {
                // "van der Berg": a run of lowercase particles joined to the name word before it.
                var b = a - 1
                while b - 1 >= lb && b > a - 3 && t[b - 1].isWord && Lexicon.particles.contains(t[b - 1].lower) { b -= 1 }
                if b - 1 >= lb && t[b - 1].isCapWord && !t[b - 1].possessive { a = b - 1; continue }
            }
            if p.isWord && a - 2 >= lb && t[a - 2].isCapWord {
                if (p.lower == "of" || p.lower == "for") && Lexicon.titles.contains(t[a - 2].bare) { a -= 1; continue }
            }
            break
        }
        return a
    }

    /// Classifies a run of capitalized words a..<b: a person (titles stripped) or an institution.
    private func analyzeRun(_ a: Int, _ b: Int) -> Mention? {
        guard a < b else { return nil }
        let precededByThe = a > 0 && t[a - 1].lower == "the"
        var k = a
        var titles: [String] = []
        if let lastTitle = (a..<(b - 1)).last(where: { Lexicon.titles.contains(t[$0].bare) && t[$0].isCapWord || ["of", "for"].contains(t[$0].lower) }) {
            for m in a...lastTitle { titles.append(t[m].bare) }
            k = lastTitle + 1
            // "Martin Luther King Jr.": a title word followed only by a suffix is part of the name.
            if (k..<b).allSatisfy({ Lexicon.nameSuffixes.contains(t[$0].lower) }) {
                k = a
                titles = []
            }
        }
        while k < b {
            let w = t[k].bare
            let strip = Lexicon.stopCaps.contains(w) || Lexicon.nationalities.contains(w)
                || (k + 1 < b && (Lexicon.places.contains(w) || (isAcronym(t[k]) && !t[k].text.contains("."))))
                || (k == a && isSentenceStart(a) && k + 1 < b && lowercaseSeen.contains(w))
                || Lexicon.titles.contains(w) && k + 1 < b && !(k + 1..<b).allSatisfy({ Lexicon.nameSuffixes.contains(t[$0].lower) })
            guard strip else { break }
            if Lexicon.titles.contains(w) { titles.append(w) }
            k += 1
        }
        let from = precededByThe ? a - 1 : a
        if k >= b {
            guard !titles.isEmpty || (0..<b - a).contains(where: { _ in isAcronym(t[b - 1]) }) else {
                return (b - a == 1 && (Lexicon.places.contains(t[a].bare))) ? .group(slice(from, b), plural: false) : nil
            }
            return .group(slice(from, b), plural: false)
        }
        if (k..<b).contains(where: { Lexicon.orgWords.contains(t[$0].bare) })
            || (precededByThe && titles.isEmpty)
            || (b - k == 1 && (Lexicon.places.contains(t[k].bare) || isAcronym(t[k])))
        {
            return .group(slice(from, b), plural: false)
        }
        if (k..<b).allSatisfy({ Lexicon.stopCaps.contains(t[$0].bare) }) { return nil }
        if b - k == 1 && Lexicon.sourceHeads.contains(t[k].bare) && titles.isEmpty {
            return .group(slice(from, b), plural: Lexicon.pluralSources.contains(t[k].bare))
        }
        var gender: NameRegistry.Gender?
        if titles.contains(where: Lexicon.femaleTitles.contains) { gender = .female }
        if titles.contains(where: Lexicon.maleTitles.contains) { gender = .male }
        return .person(slice(k, b), gender)
    }

    private mutating func buildRegistry() {
        var k = 0
        while k < t.count {
            guard t[k].isCapWord else { k += 1; continue }
            let e = capRunForward(k)
            if case .person(let name, let gender)? = analyzeRun(k, e) {
                let single = !name.contains(" ")
                let titled = e - k > NameRegistry.words(name).count
                if !single || titled || !isSentenceStart(k) { registry.register(name, gender: gender) }
            }
            k = max(e, k + 1)
        }
    }

    // MARK: - Noun phrases

    /// A source noun phrase ending at the head noun `j` ("a senior NATO diplomat").
    private func groupBackward(_ j: Int, _ lb: Int) -> (Mention, Int)? {
        guard t[j].isWord, !t[j].isCap, Lexicon.sourceHeads.contains(t[j].lower) else { return nil }
        var a = j
        var steps = 0
        while a - 1 >= lb && steps < 5 {
            let p = t[a - 1]
            guard p.isWord else { break }
            if Lexicon.determiners.contains(p.lower) || p.possessive { a -= 1; break }
            if Lexicon.prepositions.contains(p.lower) || Lexicon.speechVerbs.contains(p.lower)
                || Lexicon.auxiliaries.contains(p.lower) || ["and", "or", "but", "who", "that", "which", "as"].contains(p.lower) { break }
            a -= 1
            steps += 1
        }
        // "a spokesperson for the ministry"
        if a - 2 >= lb, ["for", "of", "at"].contains(t[a - 1].lower), let (_, a2) = groupBackward(a - 2, lb) { a = a2 }
        return (.group(slice(a, j + 1), plural: Lexicon.pluralSources.contains(t[j].lower)), a)
    }

    /// A source noun phrase starting at `i` ("the ministry", "a NATO diplomat"); returns its end.
    private func groupForward(_ i: Int) -> (Mention, Int)? {
        var k = i
        var steps = 0
        while k < t.count && steps < 6 {
            let tok = t[k]
            guard tok.isWord else { return nil }
            if !tok.isCap && Lexicon.sourceHeads.contains(tok.lower) {
                var e = k + 1
                if e + 1 < t.count, ["for", "of", "at"].contains(t[e].lower), t[e + 1].isWord {
                    var f = e + 1
                    if Lexicon.determiners.contains(t[f].lower) { f += 1 }
                    if f < t.count && t[f].isCapWord { e = capRunForward(f) }
                    else if f < t.count && Lexicon.sourceHeads.contains(t[f].lower) { e = f + 1 }
                }
                return (.group(slice(i, e), plural: Lexicon.pluralSources.contains(tok.lower)), e)
            }
            if k > i && (Lexicon.prepositions.contains(tok.lower) || Lexicon.auxiliaries.contains(tok.lower)
                || Lexicon.speechVerbs.contains(tok.lower)) { return nil }
            if k == i && !Lexicon.determiners.contains(tok.lower) && !tok.isCap && !tok.lower.hasSuffix("ly") && steps > 0 { return nil }
            k += 1
            steps += 1
        }
        return nil
    }

    /// After an institution run, "White House press secretary Karoline Leavitt": prefer the person.
    private func personAfterInstitution(_ e: Int) -> (Mention, Int)? {
        var k = e
        var steps = 0
        while k < t.count && steps < 4 && t[k].isWord && !t[k].isCap
            && (Lexicon.titles.contains(t[k].bare) || Lexicon.sourceHeads.contains(t[k].lower) || t[k].lower == "press") {
            k += 1
            steps += 1
        }
        guard k > e || steps > 0, k < t.count, t[k].isCapWord, k > e else { return nil }
        let e2 = capRunForward(k)
        if case .person? = analyzeRun(k, e2) { return (analyzeRun(k, e2)!, e2) }
        return nil
    }

    /// The speaker noun phrase starting at `i`; returns it with its end.
    private func mentionForward(_ i: Int) -> (Mention, Int)? {
        guard i < t.count, t[i].isWord else { return nil }
        let tok = t[i]
        if !tok.isCap || tok.text == "I" || ["He", "She", "They", "It", "We"].contains(tok.text) {
            if Self.pronouns.contains(tok.lower) { return (.pronoun(tok.lower), i + 1) }
        }
        if let after = particleRunEnd(i), after < t.count, t[after].isCapWord {
            let e = capRunForward(after)
            if case .person? = analyzeRun(after, e) { return (.person(slice(i, e), nil), e) }
        }
        if tok.isCapWord {
            let e = capRunForward(i)
            guard let m = analyzeRun(i, e) else { return nil }
            if case .group = m, let p = personAfterInstitution(e) { return p }
            return (m, e)
        }
        if tok.lower == "the", i + 1 < t.count, t[i + 1].isCapWord {
            let e = capRunForward(i + 1)
            if let m = analyzeRun(i + 1, e) {
                if case .group = m, let p = personAfterInstitution(e) { return p }
                return (m, e)
            }
        }
        // A lowercase role before a full name: "said engineer Petra Holm", "said lawyer Ann Ruiz".
        var k = i
        while k < t.count && k < i + 3 && t[k].isWord && !t[k].isCap && !Lexicon.prepositions.contains(t[k].lower)
            && !Lexicon.auxiliaries.contains(t[k].lower) && !Self.pronouns.contains(t[k].lower) && !isSpeechVerb(k) { k += 1 }
        let group = groupForward(i)
        if k > i, k < t.count, t[k].isCapWord, group == nil {
            let e = capRunForward(k)
            if e - k >= 2, case .person? = analyzeRun(k, e) { return (analyzeRun(k, e)!, e) }
        }
        guard let g = group else { return nil }
        return personAfterInstitution(g.1 - 1) ?? g
    }

    /// The speaker noun phrase ending at `j`.
    private func mentionBackward(_ j: Int, _ lb: Int) -> Mention? {
        guard j >= lb, t[j].isWord else { return nil }
        let tok = t[j]
        if Self.pronouns.contains(tok.lower) && (!tok.isCap || tok.text == "I" || isSentenceStart(j) || tok.text == "He" || tok.text == "She") {
            return .pronoun(tok.lower)
        }
        if tok.isCapWord && !tok.possessive {
            let a = capRunBackward(j, lb)
            return analyzeRun(a, j + 1)
        }
        return groupBackward(j, lb)?.0
    }

    /// The subject of reporting verb `v`: "Hegseth (also) said", "Healey, who led …, acknowledged".
    private func npBefore(_ v: Int, _ lb: Int) -> Mention? {
        var j = v - 1
        var skipped = 0
        while j >= lb && skipped < 3 && t[j].isWord && !t[j].isCap
            && (Lexicon.auxiliaries.contains(t[j].lower) || (t[j].lower.hasSuffix("ly") && t[j].lower.count > 3)) {
            j -= 1
            skipped += 1
        }
        guard j >= lb else { return nil }
        // A parenthesis after the name: "Sen. Bernie Sanders (I-Vt.) said".
        if t[j].text == ")" {
            var k = j - 1
            while k > lb && k > j - 10 && t[k].text != "(" && t[k].kind != .quote { k -= 1 }
            guard k > lb, t[k].text == "(" else { return nil }
            j = k - 1
        }
        if t[j].text == "," {
            var k = j - 1
            var steps = 0
            while k > lb && steps < 15 && t[k].text != "," && t[k].kind == .word || (k > lb && steps < 15 && t[k].kind == .punct && t[k].text != "," && t[k].text != "." ) {
                k -= 1
                steps += 1
            }
            guard k > lb, t[k].text == "," else { return nil }
            // "the opposition leader, Keir Starmer, said": a name between the commas is the speaker.
            if k + 1 < j, t[k + 1].isCapWord, capRunForward(k + 1) == j,
               case .person? = analyzeRun(k + 1, j), k - 1 >= lb, t[k - 1].isWord, !t[k - 1].isCap {
                return analyzeRun(k + 1, j)
            }
            j = k - 1
        }
        if t[j].lower == "who", j - 2 >= lb, t[j - 1].text == "," { return mentionBackward(j - 2, lb) }
        return mentionBackward(j, lb)
    }

    // MARK: - Attribution within a sentence

    /// "…,” Hegseth said" / "…,” said Healey" / "…,” according to X".
    private func afterAttribution(_ q: Int, strict: Bool) -> Mention? {
        var i = q + 1
        while i < t.count && t[i].kind == .punct && [",", "\u{2014}", "\u{2013}", "-", "\u{2026}"].contains(t[i].text) { i += 1 }
        guard i < t.count, t[i].kind == .word else { return nil }
        if t[i].lower == "according", i + 1 < t.count, t[i + 1].lower == "to" { return mentionForward(i + 2)?.0 }
        if isSpeechVerb(i) {
            var k = i + 1
            if k < t.count && Lexicon.auxiliaries.contains(t[k].lower) && !Self.pronouns.contains(t[k].lower) { k += 1 }
            guard let (m, e) = mentionForward(k) else { return nil }
            if strict && !attributionEnds(verb: i, after: e) { return nil }
            return m
        }
        guard let found = mentionForward(i) else { return nil }
        var m = found.0
        let e = found.1
        var k = e
        if k < t.count && t[k].text == "," {
            var steps = 0
            k += 1
            let appositive = k
            while k < t.count && steps < 15 && t[k].text != "," && t[k].kind != .quote && t[k].kind != .paragraphBreak && t[k].text != "." {
                k += 1
                steps += 1
            }
            guard k < t.count, t[k].text == "," else { return nil }
            // "the opposition leader, Keir Starmer, said": the name in apposition to a role speaks.
            if case .group = m, appositive < k, t[appositive].isCapWord, capRunForward(appositive) == k,
               let p = analyzeRun(appositive, k), case .person = p {
                m = p
            }
            k += 1
        }
        var skipped = 0
        while k < t.count && skipped < 3 && t[k].isWord && !t[k].isCap
            && (Lexicon.auxiliaries.contains(t[k].lower) || (t[k].lower.hasSuffix("ly") && t[k].lower.count > 3)) {
            // "X did not respond", "X has never said": a negated verb attributes nothing.
            if Self.negations.contains(t[k].lower) { return nil }
            k += 1
            skipped += 1
        }
        guard k < t.count, isSpeechVerb(k) else { return nil }
        if strict && !attributionEnds(verb: k, after: k + 1) { return nil }
        return m
    }

    private static let negations: Set<String> = ["not", "never", "n't", "no", "neither", "nor"]

    /// After a quote that ends its sentence ("…won.” / "…?”) a capitalized word starts a new sentence
    /// unless what follows is a bare attribution: "Smith said.", "said Smith on Monday", "Smith told
    /// reporters". Rejected when the reporting verb goes on to report something else — an object clause
    /// ("Critics say the plan…", "The firm said it had…", "…announced Monday that…") — or introduces
    /// the next quote ("Smith said, “…”"). `e` is the first token after the verb (and its subject).
    private func attributionEnds(verb v: Int, after e: Int) -> Bool {
        let objectVerb = ["told", "tell", "tells", "telling", "asked", "ask", "asks", "asking", "informed",
                          "assured", "reminded", "urged", "warned"].contains(t[v].lower)
        var k = e
        var steps = 0
        while k < t.count && steps < 8 {
            let tok = t[k]
            if tok.kind == .paragraphBreak { return true }
            if tok.kind == .quote { return false }
            if tok.kind == .punct {
                if [".", "!", "?", ";", "\u{2026}"].contains(tok.text) { return true }
                if tok.text == "," || tok.text == ":" {
                    // Introducing the next quote: "Smith said, “…”" / "said: “…”".
                    var n = k + 1
                    while n < t.count && t[n].kind == .punct && t[n].text != "." { n += 1 }
                    return !(n < t.count && t[n].kind == .quote)
                }
                k += 1
                steps += 1
                continue
            }
            if tok.isWord && !tok.isCap {
                if tok.lower == "that" || Self.negations.contains(tok.lower) { return false }
                if ["it", "he", "she", "they", "we", "i", "there"].contains(tok.lower) { return false }
                if k == e && !objectVerb {
                    // "said the plan …" / "say the timeline …" is an object clause.
                    if !Lexicon.attributionTail.contains(tok.lower) { return false }
                    if Lexicon.determiners.contains(tok.lower) { return false }
                }
                if isSpeechVerb(k) && !["adding", "noting", "saying", "according"].contains(tok.lower) { return false }
            }
            k += 1
            steps += 1
        }
        return true
    }

    /// True when the quote at `q` directly follows an introducing clause: a reporting verb (or
    /// "according to") at most eight tokens back, then "," or ":" right before the quote.
    private func introduced(_ q: Int, _ lb: Int) -> Bool {
        guard q - 2 >= lb, t[q - 1].text == "," || t[q - 1].text == ":" else { return false }
        var j = q - 2
        while j >= lb && j >= q - 9 {
            if t[j].kind == .quote || t[j].kind == .paragraphBreak { return false }
            if isSpeechVerb(j) { return true }
            j -= 1
        }
        return false
    }

    /// "Hegseth said: “…”", "He dismissed the idea as ‘…’", "…, stating, ‘…’", "According to X, … ‘…’".
    private mutating func beforeAttribution(_ q: Int, _ lb: Int, sentence: Int) -> Mention? {
        // Headline style: "Hegseth: ‘Europe must lead’" — a bare name and a colon.
        if q - 2 >= lb, t[q - 1].text == ":", t[q - 2].isCapWord, capRunBackward(q - 2, lb) == lb,
           let m = analyzeRun(lb, q - 1) {
            return m
        }
        var j = q - 1
        var steps = 0
        while j >= lb && steps < 60 {
            let tok = t[j]
            if tok.kind == .quote || tok.kind == .paragraphBreak { break }
            if tok.isWord {
                if tok.lower == "according", j + 1 < q, t[j + 1].lower == "to" {
                    if let m = mentionForward(j + 2)?.0 { return m }
                } else if isSpeechVerb(j) {
                    if let m = npBefore(j, lb) { return m }
                    let participle = tok.lower.hasSuffix("ing")
                    let coordinated = j - 1 >= lb && (t[j - 1].text == "," || t[j - 1].lower == "and")
                    if participle || coordinated, let m = sentenceSubject(sentence) { return m }
                }
            }
            j -= 1
            steps += 1
        }
        return nil
    }

    /// The grammatical subject of a sentence: its first person/source noun phrase that is not inside a
    /// prepositional phrase, a possessive, or an introductory phrase ("On Wednesday in Brussels, …").
    private mutating func sentenceSubject(_ si: Int) -> Mention? {
        if let cached = subjectCache[si] { return cached }
        let m = computeSubject(si)
        subjectCache[si] = m
        return m
    }

    private func computeSubject(_ si: Int) -> Mention? {
        let r = sentences[si]
        var i = r.lowerBound
        while i < r.upperBound && t[i].kind != .word { i += 1 }
        guard i < r.upperBound else { return nil }
        let first = t[i].lower
        if Lexicon.introWords.contains(first) || first.hasSuffix("ly") || first.hasSuffix("ing") {
            if let comma = (i..<min(r.upperBound, i + 25)).first(where: { t[$0].text == "," }) {
                i = comma + 1
            } else if Lexicon.stopCaps.contains(first) {
                i += 1
            }
        }
        var k = i
        while k < min(r.upperBound, i + 20) {
            let tok = t[k]
            guard tok.isWord else { k += 1; continue }
            if isSpeechVerb(k) { return nil }
            let prevPrep = k > r.lowerBound && (Lexicon.prepositions.contains(t[k - 1].lower) || t[k - 1].possessive)
            // A subject that starts with lowercase particles: "van der Berg spoke …".
            if !prevPrep, let after = particleRunEnd(k), after < r.upperBound, t[after].isCapWord,
               let (m, _) = mentionForward(k), case .person = m {
                return m
            }
            if Self.pronouns.contains(tok.lower) && tok.lower != "it" && tok.lower != "i" && tok.lower != "we" {
                if !prevPrep { return .pronoun(tok.lower) }
                k += 1
                continue
            }
            if tok.isCapWord {
                let e = capRunForward(k)
                if !prevPrep && !t[e - 1].possessive, let m = analyzeRun(k, e) {
                    if case .group = m, let p = personAfterInstitution(e) { return p.0 }
                    if case .person(let name, _) = m, !name.contains(" "), isSentenceStart(k),
                       !registry.knows(NameRegistry.surnameKey(name) ?? ""),
                       !(e < t.count && (isSpeechVerb(e) || Lexicon.auxiliaries.contains(t[e].lower))) {
                        k = e
                        continue
                    }
                    return m
                }
                k = max(e, k + 1)
                continue
            }
            if !tok.isCap && Lexicon.sourceHeads.contains(tok.lower), let (m, a) = groupBackward(k, r.lowerBound) {
                let before = a - 1
                if before < r.lowerBound || !Lexicon.prepositions.contains(t[before].lower) { return m }
            }
            k += 1
        }
        return nil
    }

    // MARK: - Resolution

    private mutating func resolve(_ m: Mention) -> Resolved {
        switch m {
        case .person(let name, let gender):
            let full = registry.fullName(for: name)
            if let gender { registry.learn(gender: gender, for: full) }
            return Resolved(speaker: full, source: nil)
        case .group(let desc, _):
            return Resolved(speaker: nil, source: desc)
        case .pronoun(let p):
            switch p {
            case "he", "she":
                guard let person = lastPerson else { return Resolved() }
                let want: NameRegistry.Gender = p == "he" ? .male : .female
                if let g = registry.gender(of: person), g != want {
                    return Resolved(speaker: recentOther(want), source: nil)
                }
                registry.learn(gender: want, for: person)
                return Resolved(speaker: person, source: nil)
            case "they":
                if let (g, plural) = lastGroup, plural, lastWasGroup { return Resolved(speaker: nil, source: g) }
                return Resolved(speaker: lastPerson, source: nil)
            case "it":
                if let (g, plural) = lastGroup, !plural { return Resolved(speaker: nil, source: g) }
                return Resolved()
            default:
                return Resolved()
            }
        }
    }

    private var recentPersons: [String] = []
    private func recentOther(_ want: NameRegistry.Gender) -> String? {
        recentPersons.last(where: { registry.gender(of: $0) == want || registry.gender(of: $0) == nil })
    }

    private mutating func note(_ m: Mention?, resolved: Resolved? = nil) {
        guard let m else { return }
        switch m {
        case .person:
            let r = resolved ?? resolve(m)
            if let name = r.speaker { notePerson(name) }
        case .group(let desc, let plural):
            lastGroup = (desc, plural)
            lastWasGroup = true
        case .pronoun:
            if let r = resolved, let name = r.speaker { notePerson(name) }
        }
    }

    /// Every person named in a sentence outside a prepositional phrase joins the recent list (for
    /// pronouns whose gender rules out the subject: "Mr. Paul Kerr and Mrs. Jane Kerr … she").
    private mutating func notePeopleNamed(in si: Int) {
        let r = sentences[si]
        var k = r.lowerBound
        while k < r.upperBound {
            guard t[k].isCapWord else { k += 1; continue }
            let e = min(capRunForward(k), r.upperBound)
            let afterPrep = k > r.lowerBound && Lexicon.prepositions.contains(t[k - 1].lower)
            if !afterPrep && !t[e - 1].possessive, case .person(let name, let gender)? = analyzeRun(k, e) {
                let full = registry.fullName(for: name)
                if let gender { registry.learn(gender: gender, for: full) }
                if recentPersons.last != full { recentPersons.append(full) }
                if recentPersons.count > 8 { recentPersons.removeFirst() }
            }
            k = max(e, k + 1)
        }
    }

    private mutating func notePerson(_ name: String) {
        lastPerson = name
        lastWasGroup = false
        if recentPersons.last != name { recentPersons.append(name) }
        if recentPersons.count > 8 { recentPersons.removeFirst() }
    }

    // MARK: - Attribution over the article

    private func wordCount(_ q: Int) -> Int {
        guard let r = inner[q] else { return 0 }
        var count = 0
        var inWord = false
        for k in r {
            let space = QuoteMarkScanner.isSpace(s[k])
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// A short quote (three words or fewer) that could be a term rather than speech — unless it is a
    /// whole sentence of its own (“Smoking kills.”: capitalized, ending in . ? ! and opening its sentence).
    private func isShort(_ qi: Int) -> Bool {
        guard wordCount(qi) <= 3 else { return false }
        guard let r = inner[qi], endsSentence[qi], s[r.lowerBound].properties.isUppercase else { return true }
        let k = quoteToken[qi]
        return !(isSentenceStart(k) || (k > 0 && t[k - 1].kind == .paragraphBreak))
    }

    /// Reported speech without a quote in this sentence: "X said that …", "According to X, …".
    private mutating func indirectSpeaker(_ si: Int) -> Mention? {
        let r = sentences[si]
        for k in r where t[k].isWord {
            if t[k].lower == "according", k + 1 < r.upperBound, t[k + 1].lower == "to" {
                if let m = mentionForward(k + 2)?.0 { return m }
            } else if isSpeechVerb(k) && t[k].lower != "according" {
                if let m = npBefore(k, r.lowerBound) { return m }
                if t[k].lower.hasSuffix("ing"), let m = sentenceSubject(si) { return m }
            }
        }
        return nil
    }

    /// "“…” That was the verdict of Jane Doe." — a speaker named in the next sentence.
    private func nextSentenceSpeaker(after q: Int) -> Mention? {
        let si = sentenceOf[q]
        guard si + 1 < sentences.count else { return nil }
        let r = sentences[si + 1]
        guard t[r.lowerBound].paragraph == t[q].paragraph, r.lowerBound < t.count else { return nil }
        let first = t[r.lowerBound].lower
        guard ["that", "this", "those", "these", "such", "so", "the"].contains(first) else { return nil }
        for k in r.lowerBound..<min(r.upperBound, r.lowerBound + 12) {
            // "The warning came from X": with "the", only an explicit "came from".
            if first == "the" && !(t[k].lower == "from" && k > r.lowerBound && ["came", "comes", "come"].contains(t[k - 1].lower)) { continue }
            if ["of", "from", "by"].contains(t[k].lower) || (isSpeechVerb(k) && first == "so") {
                if let m = mentionForward(k + 1)?.0 { return m }
            }
        }
        return nil
    }

    private func isTitleCase(_ r: Range<Int>) -> Bool {
        var words: [Substring] = []
        words = string(r.lowerBound, r.upperBound).split(whereSeparator: { $0 == " " })
        guard let first = words.first?.unicodeScalars.first, first.properties.isUppercase else { return false }
        let long = words.filter { $0.count > 3 }
        guard !long.isEmpty else { return true }
        let caps = long.filter { $0.unicodeScalars.first?.properties.isUppercase == true }
        return caps.count * 10 >= long.count * 6
    }

    private func kind(_ qi: Int, attributed: Bool) -> Quote.Kind {
        let q = quoteToken[qi]
        let lb = sentences[sentenceOf[q]].lowerBound
        var back: [String] = []
        var k = q - 1
        while k >= lb && back.count < 5 && t[k].kind != .quote && t[k].kind != .paragraphBreak {
            if t[k].isWord { back.append(t[k].lower) }
            k -= 1
        }
        let titleCase = inner[qi].map(isTitleCase) ?? false
        if back.prefix(2).contains(where: { $0 == "titled" || $0 == "entitled" }) { return .title }
        if titleCase && back.prefix(4).contains(where: Lexicon.workNouns.contains) { return .title }
        let naming: Bool = {
            guard let p = back.first else { return false }
            if ["so-called", "dubbed", "nicknamed", "termed", "christened", "self-styled", "self-described",
                "alleged", "supposed", "quote-unquote"].contains(p) { return true }
            if p == "as" && back.count > 1 && back[1] == "known" { return true }
            if ["term", "terms", "word", "words", "phrase", "label", "slogan", "motto", "hashtag", "moniker",
                "buzzword", "catchphrase", "nickname"].contains(p), back.count > 1,
               ["the", "a", "this", "that", "its", "their"].contains(back[1]) { return true }
            if ["called", "named"].contains(p), back.count > 1 {
                let before = back[1]
                return !Self.pronouns.contains(before) && !["him", "her", "them", "it", "me", "us", "what", "who", "has", "had", "have", "was", "once"].contains(before)
                    && !(q >= 2 && t[q - 2].isCap)
            }
            // Naming an object: "locals call the building “the old mill”", "fans dubbed him “the Wall”".
            // Present-tense "call" is habitual naming; past "called X ‘reckless’" stays an evaluation.
            if let v = back.prefix(4).dropFirst().firstIndex(where: { ["call", "calls", "dub", "dubs", "dubbed", "nickname", "nicknames", "nicknamed"].contains($0) }),
               wordCount(qi) <= 4,
               !back[..<v].contains(where: { Lexicon.prepositions.contains($0) }) {
                return true
            }
            return back.prefix(3).contains("so-called")
        }()
        if naming { return titleCase && back.contains(where: Lexicon.workNouns.contains) ? .title : .scare }
        if attributed { return .speech }
        return isShort(qi) ? .scare : .speech
    }

    private mutating func attribute() -> [Quote] {
        var resolved = [Resolved?](repeating: nil, count: spans.count)
        var level = [Int](repeating: 0, count: spans.count)  // 2 sentence, 1 context, 0 none
        var blocked = [Bool](repeating: false, count: spans.count)
        var pendingIntro: Resolved?
        var previousParagraphSpeaker: Resolved?
        var si = 0
        while si < sentences.count {
            let paragraph = t[sentences[si].lowerBound].paragraph
            var running: Resolved?
            var indirect: Resolved?
            var paragraphQuotes: [Int] = []
            var paraStartToken = sentences[si].lowerBound
            while paraStartToken > 0 && t[paraStartToken - 1].kind != .paragraphBreak && t[paraStartToken - 1].paragraph == paragraph { paraStartToken -= 1 }
            while si < sentences.count && t[sentences[si].lowerBound].paragraph == paragraph {
                let r = sentences[si]
                var hadQuote = false
                for k in r where t[k].kind == .quote {
                    let qi = t[k].quote
                    guard inner[qi] != nil else { continue }
                    hadQuote = true
                    paragraphQuotes.append(qi)
                    let strict = endsSentence[qi] && k + 1 < t.count && t[k + 1].isCap
                    var viaNarration = false
                    // An introduction right before the quote ("X said: “…”", "…,” X said, “…”",
                    // "According to X, “…”") outranks whatever follows the quote.
                    var m: Mention? = introduced(k, r.lowerBound) ? beforeAttribution(k, r.lowerBound, sentence: si) : nil
                    if m != nil { viaNarration = true } else { m = afterAttribution(k, strict: strict) }
                    if m == nil {
                        m = beforeAttribution(k, r.lowerBound, sentence: si)
                        viaNarration = m != nil
                    }
                    if let m {
                        let res = resolve(m)
                        note(m, resolved: res)
                        if !res.isEmpty {
                            resolved[qi] = res
                            level[qi] = 2
                            running = res
                            if viaNarration || isShort(qi) { indirect = res }
                            continue
                        }
                        // "he"/"she" whose gender rules out everyone named: say nothing rather than
                        // hand the quote to the paragraph's speaker.
                        if case .pronoun(let p) = m, p == "he" || p == "she", lastPerson != nil {
                            blocked[qi] = true
                            continue
                        }
                    }
                    let short = isShort(qi)
                    let atParagraphStart = k == paraStartToken
                    var fallback: Resolved?
                    if atParagraphStart, let p = pendingIntro { fallback = p }
                    if fallback == nil { fallback = short ? indirect : running }
                    if fallback == nil, let m2 = nextSentenceSpeaker(after: k) {
                        let res = resolve(m2)
                        if !res.isEmpty { fallback = res }
                    }
                    if let f = fallback {
                        resolved[qi] = f
                        level[qi] = 1
                        if !short { running = f }
                    }
                }
                if !hadQuote, let m = indirectSpeaker(si) {
                    let res = resolve(m)
                    if !res.isEmpty {
                        indirect = res
                        running = res
                    }
                }
                notePeopleNamed(in: si)
                let subject = sentenceSubject(si)
                if let subject {
                    if case .pronoun = subject {} else { note(subject) }
                }
                si += 1
            }
            // Second pass: a long quote before the paragraph's first attributed quote takes its speaker;
            // a paragraph that only continues a quote takes the previous paragraph's speaker.
            var nextSpeaker: Resolved?
            for qi in paragraphQuotes.reversed() {
                if resolved[qi] != nil { nextSpeaker = resolved[qi]; continue }
                if blocked[qi] { continue }
                guard !isShort(qi) else { continue }
                if let n = nextSpeaker {
                    resolved[qi] = n
                    level[qi] = 1
                } else if quoteToken[qi] == paraStartToken, let p = previousParagraphSpeaker {
                    resolved[qi] = p
                    level[qi] = 1
                }
            }
            let speechQuotes = paragraphQuotes.filter { resolved[$0] != nil }
            if let last = speechQuotes.last { previousParagraphSpeaker = resolved[last] } else if !paragraphQuotes.isEmpty || running != nil {
                previousParagraphSpeaker = nil
            }
            // A colon introduction at the paragraph's end ("Hegseth said:") speaks the next paragraph.
            pendingIntro = nil
            if si > 0 {
                let end = sentences[si - 1].upperBound
                if end - 1 >= 0, t[end - 1].text == ":" {
                    let lb = sentences[si - 1].lowerBound
                    var j = end - 2
                    while j >= lb && !isSpeechVerb(j) && end - j < 6 { j -= 1 }
                    if j >= lb, isSpeechVerb(j) {
                        var m = npBefore(j, lb)
                        if m == nil && (t[j].lower.hasSuffix("ing") || (j > lb && t[j - 1].text == ",")) { m = sentenceSubject(si - 1) }
                        if let m { let res = resolve(m); if !res.isEmpty { pendingIntro = res } }
                    }
                }
            }
        }

        var out: [Quote] = []
        for (qi, r) in inner.enumerated() {
            guard let r else { continue }
            let res = resolved[qi]
            let k = kind(qi, attributed: res != nil && level[qi] > 0)
            let text = string(r.lowerBound, r.upperBound)
            if k == .speech {
                out.append(Quote(text: text, speaker: res?.speaker, source: res?.source, start: r.lowerBound, end: r.upperBound, kind: k))
            } else {
                out.append(Quote(text: text, start: r.lowerBound, end: r.upperBound, kind: k))
            }
        }
        return out
    }
}
