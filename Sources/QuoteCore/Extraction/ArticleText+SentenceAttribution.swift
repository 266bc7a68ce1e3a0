/// Attribution within one sentence: the speaker written right after a quote ("…,” Hegseth said) or
/// before it ("Hegseth said: “…”", "According to X, …"), whether an introduction leads into the
/// quote, a sentence's grammatical subject, reported speech without a quote ("X said that …"), a
/// speaker named in the next sentence, and a colon introduction that ends a paragraph.
///
/// Pure queries on the text: each returns a `Mention`, which the attribution pass
/// (`ArticleAnalysis`) resolves against the discourse context. Where a rule needs the sentence's
/// subject, the caller passes it as `sentenceSubject` (`ArticleAnalysis` computes each sentence's
/// subject once, with `subject(ofSentence:knownNames:)`).
extension ArticleText {
    /// "…,” Hegseth said" / "…,” said Healey" / "…,” according to X".
    func afterAttribution(_ quoteToken: Int, strict: Bool) -> Mention? {
        var i = quoteToken + 1
        while i < tokens.count && tokens[i].kind == .punct && [",", "\u{2014}", "\u{2013}", "-", "\u{2026}"].contains(tokens[i].text) { i += 1 }
        guard i < tokens.count, tokens[i].kind == .word else { return nil }
        if tokens[i].lower == "according", i + 1 < tokens.count, tokens[i + 1].lower == "to" { return mentionForward(i + 2)?.0 }
        if isSpeechVerb(i) {
            guard !tokens[i].lower(in: .objectVerbs) else { return nil }
            var k = i + 1
            if k < tokens.count && tokens[k].lower(in: .auxiliaries) && !tokens[k].lower(in: .pronouns) { k += 1 }
            guard let (mention, e) = mentionForward(k) else { return nil }
            if strict && !attributionEnds(verb: i, after: e) { return nil }
            return mention
        }
        guard let found = mentionForward(i) else { return nil }
        var mention = found.0
        let e = found.1
        var k = e
        if k < tokens.count && tokens[k].text == "," {
            var steps = 0
            k += 1
            let appositive = k
            while k < tokens.count && steps < 15 && tokens[k].text != "," && tokens[k].kind != .quote && tokens[k].kind != .paragraphBreak && tokens[k].text != "." {
                k += 1
                steps += 1
            }
            guard k < tokens.count, tokens[k].text == "," else { return nil }
            // "the opposition leader, Keir Starmer, said": the name in apposition to a role speaks.
            if case .group = mention, appositive < k, let (person, end) = roleAndName(from: appositive, roleWords: 0), end == k {
                mention = person
            }
            k += 1
        }
        var skipped = 0
        while k < tokens.count && skipped < 3 && tokens[k].isWord && !tokens[k].isCap
            && (tokens[k].lower(in: .auxiliaries) || (tokens[k].lower.hasSuffix("ly") && tokens[k].lower.count > 3)) {
            // "X did not respond", "X has never said": a negated verb attributes nothing.
            if tokens[k].lower(in: .negations) { return nil }
            k += 1
            skipped += 1
        }
        guard k < tokens.count, isSpeechVerb(k) else { return nil }
        if strict && !attributionEnds(verb: k, after: k + 1) { return nil }
        return mention
    }

    /// After a quote that ends its sentence ("…won.” / "…?”) a capitalized word starts a new sentence
    /// unless what follows is a bare attribution: "Smith said.", "said Smith on Monday", "Smith told
    /// reporters". Rejected when the reporting verb goes on to report something else — an object clause
    /// ("Critics say the plan…", "The firm said it had…", "…announced Monday that…") — or introduces
    /// the next quote ("Smith said, “…”"). `e` is the first token after the verb (and its subject).
    func attributionEnds(verb v: Int, after e: Int) -> Bool {
        let objectVerb = ["told", "tell", "tells", "telling", "asked", "ask", "asks", "asking", "informed",
                          "assured", "reminded", "urged", "warned"].contains(tokens[v].lower)
        var k = e
        var steps = 0
        while k < tokens.count && steps < 8 {
            let token = tokens[k]
            if token.kind == .paragraphBreak { return true }
            if token.kind == .quote { return false }
            if token.kind == .punct {
                if [".", "!", "?", ";", "\u{2026}"].contains(token.text) { return true }
                if token.text == "," || token.text == ":" {
                    // Introducing the next quote: "Smith said, “…”" / "said: “…”".
                    var n = k + 1
                    while n < tokens.count && tokens[n].kind == .punct && tokens[n].text != "." { n += 1 }
                    return !(n < tokens.count && tokens[n].kind == .quote)
                }
                k += 1
                steps += 1
                continue
            }
            if token.isWord && !token.isCap {
                // "…,” Sessions said as he launched the vote": a subordinate clause follows a closed attribution.
                if k > e, token.lower(in: .subordinators) { return true }
                if token.lower == "that" || token.lower(in: .negations) { return false }
                if ["it", "he", "she", "they", "we", "i", "there"].contains(token.lower) { return false }
                if k == e && !objectVerb {
                    // "said the plan …" / "say the timeline …" is an object clause.
                    if !token.lower(in: .attributionTail) { return false }
                    if token.lower(in: .determiners) { return false }
                }
                if isSpeechVerb(k) && !["adding", "noting", "saying", "according"].contains(token.lower) { return false }
            }
            k += 1
            steps += 1
        }
        return true
    }

    /// True when the quote at `quoteToken` directly follows an introducing clause: a reporting verb (or
    /// "according to") at most eight tokens back, then "," or ":" right before the quote.
    func introduced(_ quoteToken: Int, sentenceStart lowerBound: Int) -> Bool {
        guard quoteToken - 2 >= lowerBound, tokens[quoteToken - 1].text == "," || tokens[quoteToken - 1].text == ":" else { return false }
        var j = quoteToken - 2
        while j >= lowerBound && j >= quoteToken - 9 {
            if tokens[j].kind == .quote || tokens[j].kind == .paragraphBreak { return false }
            if isSpeechVerb(j) { return true }
            j -= 1
        }
        return false
    }

    /// "Hegseth said: “…”", "He dismissed the idea as ‘…’", "…, stating, ‘…’", "According to X, … ‘…’".
    /// `sentenceSubject` speaks for a participle or a coordinated verb ("…, stating, ‘…’").
    func beforeAttribution(_ quoteToken: Int, sentenceStart lowerBound: Int, sentenceSubject: Mention?) -> Mention? {
        // Headline style: "Hegseth: ‘Europe must lead’" — a bare name and a colon; and a full name
        // before a colon anywhere ("… IN OTHER STATES - Michael P. McDonald: “…”").
        if quoteToken - 2 >= lowerBound, tokens[quoteToken - 1].text == ":", tokens[quoteToken - 2].isCapWord {
            let start = capRunBackward(quoteToken - 2, notBefore: lowerBound)
            if let mention = analyzeRun(start, quoteToken - 1) {
                if start == lowerBound { return mention }
                if case .person(let name, _, _) = mention, ScalarText.containsSpace(name) { return mention }
            }
        }
        var j = quoteToken - 1
        var steps = 0
        while j >= lowerBound && steps < 60 {
            let token = tokens[j]
            if token.kind == .quote || token.kind == .paragraphBreak { break }
            if token.isWord {
                if token.lower == "according", j + 1 < quoteToken, tokens[j + 1].lower == "to" {
                    if let mention = mentionForward(j + 2)?.0 { return mention }
                } else if j == lowerBound, token.isCap, token.lower(in: .speechVerbs), !token.lower.hasSuffix("ing") {
                    // "Said Dorothy Poynter, who grew up nearby, “…”".
                    if let mention = mentionForward(j + 1)?.0 { return mention }
                } else if isSpeechVerb(j), j - 1 >= lowerBound, tokens[j - 1].lower(in: .modalsAndTo),
                          j + 1 < quoteToken, tokens[j + 1].lower == "to" {
                    // "Rubio will continue to be “…”": a verb of another sense, no report of speech.
                } else if isSpeechVerb(j), j + 2 < quoteToken, tokens[j + 1].lower == "by", let (mention, _) = mentionForward(j + 2) {
                    // "Sanders was asked by host Bill Maher, “…”": the agent speaks.
                    return mention
                } else if isSpeechVerb(j) {
                    // A participle or a second verb ("…, telling them, “…”", "… and said: “…”") has
                    // the sentence's subject, not the object of the clause before it.
                    let participle = token.lower.hasSuffix("ing")
                    let afterComma = j - 1 >= lowerBound && tokens[j - 1].text == ","
                    let coordinated = j - 1 >= lowerBound && tokens[j - 1].lower == "and"
                    if participle && afterComma, let mention = participleSubject(j, notBefore: lowerBound) ?? sentenceSubject { return mention }
                    if coordinated, let sentenceSubject { return sentenceSubject }
                    if let mention = subject(ofVerb: j, notBefore: lowerBound) { return mention }
                    if participle || afterComma, let sentenceSubject { return sentenceSubject }
                }
            }
            j -= 1
            steps += 1
        }
        return nil
    }

    /// Who speaks through the participle `j` after a comma, when the sentence says more precisely
    /// than its subject: the person of an absolute phrase ("with the Republican, Jordan Sandoval,
    /// promising …", "… and his rival, Renata Coelho-Burke, accusing …"), else the speaker of the
    /// reporting verb the participle continues ("…,” Governor Ngozi Okafor said on Tuesday, warning
    /// that …", "…,” said Jane Roe, adding …"). Nil leaves it to the sentence's subject.
    func participleSubject(_ j: Int, notBefore lowerBound: Int) -> Mention? {
        let comma = j - 1
        if comma - 1 >= lowerBound, endsPersonName(comma - 1, notBefore: lowerBound) {
            let start = capRunBackward(comma - 1, notBefore: lowerBound)
            // Back over the role set off by commas ("the Republican,") to "with" (or "and" after one).
            var k = start - 1
            if k >= lowerBound, tokens[k].text == "," { k -= 1 }
            var steps = 0
            while k >= lowerBound && steps < 6 && tokens[k].isWord && !["with", "and"].contains(tokens[k].lower)
                && !tokens[k].lower(in: .prepositions)
                && (tokens[k].isCapWord || tokens[k].lower(in: .determiners) || tokens[k].possessive || isRoleWord(tokens[k])) {
                k -= 1
                steps += 1
            }
            if k >= lowerBound, tokens[k].lower == "with" || (tokens[k].lower == "and" && (lowerBound..<k).contains(where: { tokens[$0].lower == "with" })),
               let person = mentionBackward(comma - 1, notBefore: start) {
                return person
            }
        }
        var v = comma - 1
        while v >= lowerBound && v > comma - 12 && !isSpeechVerb(v) { v -= 1 }
        guard v >= lowerBound, isSpeechVerb(v), !tokens[v].lower.hasSuffix("ing") else { return nil }
        if let mention = subject(ofVerb: v, notBefore: lowerBound) { return mention }
        // "…,” said Jane Roe, adding …": the speaker follows the verb after a quote.
        if v > lowerBound, tokens[v - 1].kind == .quote || (tokens[v - 1].text == "," && v - 2 >= lowerBound && tokens[v - 2].kind == .quote) {
            return mentionForward(v + 1)?.0
        }
        return nil
    }

    /// Whether the attribution after quote `quoteToken` leads into the next quote rather than
    /// closing this one: "…,” she shot back, “…”.
    func introducesNextQuote(after quoteToken: Int) -> Bool {
        var k = quoteToken + 1
        while k < tokens.count && k < quoteToken + 10 {
            let token = tokens[k]
            if token.kind == .quote { return [",", ":"].contains(tokens[k - 1].text) }
            if token.kind == .paragraphBreak || [".", "!", "?", ";"].contains(token.text) { return false }
            k += 1
        }
        return false
    }

    /// The grammatical subject of a sentence: its first person/source noun phrase that is not inside a
    /// prepositional phrase, a possessive, or an introductory phrase ("On Wednesday in Brussels, …").
    /// A lone capitalized word opening the sentence counts only when `knownNames` vouches for it as
    /// a person or a verb follows it ("Hours later, Trump …" is about Trump).
    func subject(ofSentence sentenceIndex: Int, knownNames: NameRegistry) -> (mention: Mention, end: Int)? {
        let sentence = sentences[sentenceIndex]
        var i = sentence.lowerBound
        while i < sentence.upperBound && tokens[i].kind != .word { i += 1 }
        guard i < sentence.upperBound else { return nil }
        let first = tokens[i].lower
        if Lexicon.introWords.contains(first) || tokens[i].lower(in: .prepositions) || first.hasSuffix("ly") || first.hasSuffix("ing") {
            if let comma = (i..<min(sentence.upperBound, i + 25)).first(where: { tokens[$0].text == "," }) {
                i = comma + 1
            } else if tokens[i].lower(in: .stopCaps) {
                i += 1
            }
        }
        var k = i
        while k < min(sentence.upperBound, i + 20) {
            let token = tokens[k]
            guard token.isWord else { k += 1; continue }
            if isSpeechVerb(k) { return nil }
            let prevPrep = k > sentence.lowerBound && (tokens[k - 1].lower(in: .prepositions) || tokens[k - 1].possessive)
            // A subject that starts with lowercase particles: "van der Berg spoke …".
            if !prevPrep, let after = particleRunEnd(k), after < sentence.upperBound, tokens[after].isCapWord,
               let (mention, end) = mentionForward(k), case .person = mention {
                return (mention, end)
            }
            if token.lower(in: .pronouns) && token.lower != "it" && token.lower != "i" && token.lower != "we" {
                if !prevPrep { return (.pronoun(token.lower), k + 1) }
                k += 1
                continue
            }
            if token.isCapWord {
                let e = capRunForward(k)
                if !prevPrep && !tokens[e - 1].possessive, let mention = analyzeRun(k, e) {
                    if case .group = mention, let person = personAfterInstitution(e) ?? appositivePerson(after: e) { return person }
                    if case .person(let name, _, _) = mention, !ScalarText.containsSpace(name), isSentenceStart(k),
                       !knownNames.vouchesFor(NameRegistry.surnameKey(name) ?? ""),
                       !(e < tokens.count && (isSpeechVerb(e) || tokens[e].lower(in: .finiteAuxiliaries))) {
                        k = e
                        continue
                    }
                    return (mention, e)
                }
                k = max(e, k + 1)
                continue
            }
            // A source noun that only qualifies the next ("state director", "union leader") is no head.
            let qualifies = k + 1 < sentence.upperBound && tokens[k + 1].isWord && !tokens[k + 1].isCap
                && (tokens[k + 1].lower(in: .sourceHeads) || tokens[k + 1].lower(in: .officeTitles))
            if !token.isCap && !token.possessive && !qualifies && token.lower(in: .sourceHeads),
               let (mention, a) = groupBackward(k, notBefore: sentence.lowerBound) {
                let before = a - 1
                if before < sentence.lowerBound || !tokens[before].lower(in: .prepositions) {
                    // "Opposition leader Marta Voss was unimpressed": the person the role names.
                    if let person = personAfterInstitution(k + 1, roleWords: 0) ?? appositivePerson(after: k + 1) { return person }
                    return (mention, k + 1)
                }
            }
            k += 1
        }
        return nil
    }

    /// Who speaks the quotes of a headline: the name before a colon that opens it ("Alvarez: Budget
    /// ‘A Gamble’"), else the subject of a capitalized reporting verb ("Okafor Says Rates …",
    /// "…, Minister Warns"); nil when the headline names neither. A subject that is only a role
    /// ("Senator Says …") comes back as a group: the caller looks for the person in the body.
    func headlineSpeaker(inSentence sentenceIndex: Int) -> Mention? {
        let sentence = sentences[sentenceIndex]
        var i = sentence.lowerBound
        while i < sentence.upperBound && tokens[i].kind != .word { i += 1 }
        if i < sentence.upperBound, tokens[i].isCapWord {
            let e = capRunForward(i)
            if e < sentence.upperBound, tokens[e].text == ":", let mention = analyzeRun(i, e) {
                return isRoleRun(i, e) ? .group(slice(i, e), plural: false) : mention
            }
        }
        for k in sentence where k > sentence.lowerBound && tokens[k].isCapWord && tokens[k].lower(in: .speechVerbs)
            && !tokens[k].lower.hasSuffix("ing") {
            // "‘I Wrote It to Stay Sane,’ Says Prize-Winning Novelist": the speaker after the verb.
            if !tokens[k - 1].isCapWord, k + 1 < sentence.upperBound, tokens[k + 1].isCapWord {
                let e = min(wholeCapRunForward(k + 1), sentence.upperBound)
                if let mention = analyzeRun(k + 1, e), case .person = mention, e - k - 1 <= 3, !isRoleRun(k + 1, e) { return mention }
                return .group(slice(k + 1, e), plural: false)
            }
            guard tokens[k - 1].isCapWord else { continue }
            let start = capRunBackward(k - 1, notBefore: sentence.lowerBound)
            if let mention = analyzeRun(start, k), !isRoleRun(start, k) { return mention }
            return .group(slice(start, k), plural: false)
        }
        return nil
    }

    /// Whether a headline's capitalized run ends in a role rather than a name ("Copper Saints Singer",
    /// "Prize-Winning Novelist"): its last word is a source or office noun, or one the article writes
    /// in lowercase, and no word of it opens a full name of the body.
    func isRoleRun(_ a: Int, _ b: Int) -> Bool {
        let last = tokens[b - 1].bare
        guard tokens[b - 1].bare(in: .sourceHeads) || tokens[b - 1].bare(in: .officeTitles) || lowercaseWords.contains(last) else { return false }
        return !(a..<b).contains { k in bodyNames.contains { $0.hasPrefix(tokens[k].lower + " ") } }
    }

    /// The gender of the pronouns a sentence uses after its subject (ending at token `subjectEnd`)
    /// and before any other capitalized name: "Alex Morgan said her team was ready" → female; nil
    /// when it uses none, or both. `near`: the first of them comes within four words of the
    /// subject, before anyone else it could stand for ("… trying to undermine her account" is not).
    func pronounGender(inSentence sentenceIndex: Int, after subjectEnd: Int) -> (gender: NameRegistry.Gender, near: Bool)? {
        let sentence = sentences[sentenceIndex]
        var male = false
        var female = false
        var near = false
        var k = max(subjectEnd, sentence.lowerBound)
        while k < sentence.upperBound {
            let token = tokens[k]
            if token.kind == .quote { break }
            if token.isCapWord && !token.lower(in: .stopCaps) && k > subjectEnd { break }
            if token.isWord {
                let gendered = token.lower(in: .malePronouns) || token.lower(in: .femalePronouns)
                if gendered && !male && !female && k - subjectEnd <= 4 { near = true }
                if token.lower(in: .malePronouns) { male = true }
                if token.lower(in: .femalePronouns) { female = true }
            }
            k += 1
        }
        return male == female ? nil : (male ? .male : .female, near)
    }

    /// Reported speech without a quote in this sentence: "X said that …", "According to X, …".
    /// `sentenceSubject` speaks for a participle ("…, saying …").
    func indirectSpeaker(inSentence sentenceIndex: Int, sentenceSubject: Mention?) -> Mention? {
        let sentence = sentences[sentenceIndex]
        for k in sentence where tokens[k].isWord {
            if tokens[k].lower == "according", k + 1 < sentence.upperBound, tokens[k + 1].lower == "to" {
                if let mention = mentionForward(k + 2)?.0 { return mention }
            } else if isSpeechVerb(k) && tokens[k].lower != "according" {
                let participle = tokens[k].lower.hasSuffix("ing")
                if participle && k - 1 >= sentence.lowerBound && tokens[k - 1].text == ",",
                   let mention = participleSubject(k, notBefore: sentence.lowerBound) ?? sentenceSubject {
                    return mention
                }
                if let mention = subject(ofVerb: k, notBefore: sentence.lowerBound) { return mention }
                if participle, let sentenceSubject { return sentenceSubject }
            }
        }
        return nil
    }

    /// "“…” That was the verdict of Jane Doe." — a speaker named in the next sentence.
    func nextSentenceSpeaker(after quoteToken: Int) -> Mention? {
        let sentenceIndex = sentenceOf[quoteToken]
        guard sentenceIndex + 1 < sentences.count else { return nil }
        let sentence = sentences[sentenceIndex + 1]
        guard tokens[sentence.lowerBound].paragraph == tokens[quoteToken].paragraph, sentence.lowerBound < tokens.count else { return nil }
        let first = tokens[sentence.lowerBound].lower
        guard ["that", "this", "those", "these", "such", "so", "the"].contains(first) else { return nil }
        for k in sentence.lowerBound..<min(sentence.upperBound, sentence.lowerBound + 12) {
            // "The warning came from X": with "the", only an explicit "came from".
            if first == "the" && !(tokens[k].lower == "from" && k > sentence.lowerBound && ["came", "comes", "come"].contains(tokens[k - 1].lower)) { continue }
            if ["of", "from", "by"].contains(tokens[k].lower) || (isSpeechVerb(k) && first == "so") {
                if let mention = mentionForward(k + 1)?.0 { return mention }
            }
        }
        return nil
    }

    /// A colon introduction ending sentence `sentenceIndex` ("Hegseth said:"): the subject of a
    /// reporting verb at most five tokens before the colon, else, for a participle ("…, saying:") or
    /// a verb after a comma, `sentenceSubject`.
    func colonIntroduction(endingSentence sentenceIndex: Int, sentenceSubject: Mention?) -> Mention? {
        let end = sentences[sentenceIndex].upperBound
        guard end - 1 >= 0, tokens[end - 1].text == ":" else { return nil }
        let lowerBound = sentences[sentenceIndex].lowerBound
        var j = end - 2
        while j >= lowerBound && !isSpeechVerb(j) && end - j < 6 { j -= 1 }
        guard j >= lowerBound, isSpeechVerb(j) else { return nil }
        var mention = subject(ofVerb: j, notBefore: lowerBound)
        if mention == nil && (tokens[j].lower.hasSuffix("ing") || (j > lowerBound && tokens[j - 1].text == ",")) { mention = sentenceSubject }
        return mention
    }
}
