/// Mentions of people and sources in the token stream: runs of capitalized name words (with
/// particles and titles), what such a run names (`analyzeRun`: a person or an institution), source
/// noun phrases ("a senior NATO diplomat"), and the speaker noun phrase after or before a position,
/// including the subject of a reporting verb (`subject(ofVerb:notBefore:)`).
///
/// Pure queries on the text; every look-around is bounded by a small window.
extension ArticleText {
    // MARK: - Name runs

    /// End (exclusive) of the run of capitalized name words starting at `i`; in a headline, of the
    /// name it starts with (``headlineNameEnd(_:_:)``).
    func capRunForward(_ i: Int) -> Int {
        let end = wholeCapRunForward(i)
        guard i < sentenceOf.count, sentenceOf[i] < isHeadline.count, isHeadline[sentenceOf[i]], end - i > 1 else { return end }
        return headlineNameEnd(i, end)
    }

    func wholeCapRunForward(_ i: Int) -> Int {
        var j = i
        while j < tokens.count {
            let token = tokens[j]
            if token.isCapWord {
                j += 1
                if token.possessive { break }
                continue
            }
            if token.isWord && j > i, let after = particleRunEnd(j), after < tokens.count && tokens[after].isCapWord {
                j = after
                continue
            }
            if token.isWord && j > i && j + 1 < tokens.count && tokens[j + 1].isCapWord {
                if (token.lower == "of" || token.lower == "for") && tokens[j - 1].bare(in: .titles) { j += 1; continue }
            }
            break
        }
        return j
    }

    /// When lowercase name particles ("van der", "bin", "de la") start at `j`, the index after them
    /// (at most three); nil when `tokens[j]` is not a particle.
    func particleRunEnd(_ j: Int) -> Int? {
        var k = j
        while k < tokens.count && k < j + 3 && tokens[k].isWord && !tokens[k].isCap && tokens[k].lower(in: .particles) { k += 1 }
        return k > j ? k : nil
    }

    /// Start of the run of capitalized name words ending at `j` (inclusive), not before `lowerBound`.
    func capRunBackward(_ j: Int, notBefore lowerBound: Int) -> Int {
        var a = j
        while a - 1 >= lowerBound {
            let previous = tokens[a - 1]
            if previous.possessive { break }
            if previous.isCapWord { a -= 1; continue }
            if previous.isWord && previous.lower(in: .particles) {
                // "van der Berg": a run of lowercase particles joined to the name word before it.
                var b = a - 1
                while b - 1 >= lowerBound && b > a - 3 && tokens[b - 1].isWord && tokens[b - 1].lower(in: .particles) { b -= 1 }
                if b - 1 >= lowerBound && tokens[b - 1].isCapWord && !tokens[b - 1].possessive { a = b - 1; continue }
            }
            if previous.isWord && a - 2 >= lowerBound && tokens[a - 2].isCapWord {
                if (previous.lower == "of" || previous.lower == "for") && tokens[a - 2].bare(in: .titles) { a -= 1; continue }
            }
            break
        }
        return a
    }

    /// Classifies a run of capitalized words a..<b: a person (titles stripped) or an institution
    /// (`analyzeRun`, which answers the runs its sentences start from what this said at init).
    func classifyRun(_ a: Int, _ b: Int) -> Mention? {
        guard a < b else { return nil }
        let precededByThe = a > 0 && tokens[a - 1].lower == "the"
        var k = a
        var titles: [String] = []
        if let lastTitle = (a..<(b - 1)).last(where: { tokens[$0].bare(in: .titles) && tokens[$0].isCapWord || ["of", "for"].contains(tokens[$0].lower) }) {
            for m in a...lastTitle { titles.append(tokens[m].bare) }
            k = lastTitle + 1
            // "Martin Luther King Jr.": a title word followed only by a suffix is part of the name.
            if (k..<b).allSatisfy({ tokens[$0].lower(in: .nameSuffixes) }) {
                k = a
                titles = []
            }
        }
        while k < b {
            let word = tokens[k].bare
            // The lists asked of the token's own bare word: its flag bits answer (`Token.bare(in:)`).
            let isTitle = tokens[k].bare(in: .titles)
            let isStopCap = tokens[k].bare(in: .stopCaps)
            // A capitalized reporting verb opening the sentence ("Said Dorothy Poynter, …") is no name.
            let strip = isStopCap || tokens[k].bare(in: .nationalities)
                || (k == a && k + 1 < b && tokens[k].isCap && tokens[k].bare(in: .speechVerbs))
                || (k + 1 < b && ((tokens[k].bare(in: .places) && !isFirstNameOfFullName(k, b)) || (isAcronym(tokens[k]) && !tokens[k].text.contains("."))))
                || (k == a && isSentenceStart(a) && k + 1 < b && lowercaseWords.contains(word))
                || isTitle && k + 1 < b && !(k + 1..<b).allSatisfy({ tokens[$0].lower(in: .nameSuffixes) })
            guard strip else { break }
            if isTitle && !isStopCap { titles.append(word) }
            k += 1
        }
        let from = precededByThe ? a - 1 : a
        // "Latin American", "South African": a people, not a person; "Los Angeles-based": a description.
        if k < b && tokens[b - 1].bare(in: .nationalities) { return .group(slice(from, b), plural: false) }
        if let dash = tokens[b - 1].text.lastIndex(of: "-"), tokens[b - 1].text[tokens[b - 1].text.index(after: dash)...].first?.isLowercase == true {
            return .group(slice(from, b), plural: false)
        }
        // A run in capitals ("DOESN’T INCREASE EXPECTATIONS"): a heading, not a name.
        if b - k >= 2 && (k..<b).allSatisfy({ !tokens[$0].text.unicodeScalars.contains(where: QuoteMarkScanner.isLowercase) }) { return nil }
        if k >= b {
            guard !titles.isEmpty || (0..<b - a).contains(where: { _ in isAcronym(tokens[b - 1]) }) else {
                return (b - a == 1 && (tokens[a].bare(in: .places))) ? .group(slice(from, b), plural: false) : nil
            }
            return .group(slice(from, b), plural: false)
        }
        if (k..<b).contains(where: { tokens[$0].bare(in: .orgWords) })
            || (precededByThe && titles.isEmpty)
            || (b - k == 1 && (tokens[k].bare(in: .places) || isAcronym(tokens[k])))
        {
            return .group(slice(from, b), plural: false)
        }
        if (k..<b).allSatisfy({ tokens[$0].bare(in: .stopCaps) }) { return nil }
        if b - k == 1 && (tokens[k].bare(in: .sourceHeads) || tokens[k].bare(in: .officeTitles)) && titles.isEmpty {
            return .group(slice(from, b), plural: tokens[k].bare(in: .pluralSources))
        }
        // "Texas Attorney General", "Deputy Director": an office, no name ("Mr. King" keeps his).
        if b - k == 1, tokens[k].bare(in: .titles), !titles.isEmpty, !titles.contains(where: Lexicon.honorifics.contains) {
            return .group(slice(from, b), plural: false)
        }
        var gender: NameRegistry.Gender?
        if titles.contains(where: Lexicon.femaleTitles.contains) { gender = .female }
        if titles.contains(where: Lexicon.maleTitles.contains) { gender = .male }
        return .person(slice(k, b), gender, titled: !titles.isEmpty)
    }

    /// Whether the place word at `k` is a first name before a surname ("Jordan Sandoval", "Virginia
    /// Foxx"), not a place before a noun ("Georgia Democrats", "Jordan Valley"): a first name in
    /// the table, and the one word after it no word the article writes in lowercase.
    private func isFirstNameOfFullName(_ k: Int, _ b: Int) -> Bool {
        guard b - k == 2, FirstNames.table[tokens[k].bare] != nil else { return false }
        let next = tokens[k + 1]
        let last = next.bare
        return !lowercaseWords.contains(last) && !next.bare(in: .orgWords) && !next.bare(in: .places)
            && !next.bare(in: .nationalities) && !next.bare(in: .sourceHeads) && !next.bare(in: .titles)
            && !last.hasSuffix("ans") && !last.hasSuffix("ers")
    }

    /// A group, or a person mention of one word without a title ("Virginia", "Republican"): what a
    /// following role and name outrank.
    func isLoneWordOrGroup(_ mention: Mention) -> Bool {
        switch mention {
        case .group: return true
        case .person(let name, _, let titled): return !titled && !ScalarText.containsSpace(name)
        case .pronoun: return false
        }
    }

    // MARK: - Noun phrases

    /// A source noun phrase ending at the head noun `j` ("a senior NATO diplomat"); returns it with
    /// its first token.
    func groupBackward(_ j: Int, notBefore lowerBound: Int) -> (Mention, Int)? {
        guard tokens[j].isWord, !tokens[j].isCap, tokens[j].lower(in: .sourceHeads) else { return nil }
        var a = j
        var steps = 0
        while a - 1 >= lowerBound && steps < 5 {
            let previous = tokens[a - 1]
            guard previous.isWord else { break }
            if previous.lower(in: .determiners) || previous.possessive { a -= 1; break }
            if previous.lower(in: .prepositions) || previous.lower(in: .speechVerbs)
                || previous.lower(in: .auxiliaries) || ["and", "or", "but", "who", "that", "which", "as"].contains(previous.lower) { break }
            a -= 1
            steps += 1
        }
        // "a spokesperson for the ministry", "a joint statement from the agencies"
        if a - 2 >= lowerBound, ["for", "of", "at", "from"].contains(tokens[a - 1].lower), let (_, a2) = groupBackward(a - 2, notBefore: lowerBound) { a = a2 }
        return (.group(slice(a, j + 1), plural: tokens[j].lower(in: .pluralSources)), a)
    }

    /// A source noun phrase starting at `i` ("the ministry", "a NATO diplomat"); returns its end.
    func groupForward(_ i: Int) -> (Mention, Int)? {
        var k = i
        var steps = 0
        while k < tokens.count && steps < 6 {
            let token = tokens[k]
            guard token.isWord else { return nil }
            if !token.isCap && token.lower(in: .sourceHeads) {
                var e = k + 1
                if e + 1 < tokens.count, ["for", "of", "at"].contains(tokens[e].lower), tokens[e + 1].isWord {
                    var f = e + 1
                    if tokens[f].lower(in: .determiners) { f += 1 }
                    if f < tokens.count && tokens[f].isCapWord { e = capRunForward(f) }
                    else if f < tokens.count && tokens[f].lower(in: .sourceHeads) { e = f + 1 }
                }
                return (.group(slice(i, e), plural: token.lower(in: .pluralSources)), e)
            }
            if k > i && (token.lower(in: .prepositions) || token.lower(in: .auxiliaries)
                || token.lower(in: .speechVerbs)) { return nil }
            if k == i && !token.lower(in: .determiners) && !token.isCap && !token.lower.hasSuffix("ly") && steps > 0 { return nil }
            k += 1
            steps += 1
        }
        return nil
    }

    /// After an institution, a place or a party, a lowercase role and then a person's name: "White
    /// House press secretary Karoline Leavitt", "Virginia delegate Beau Correll", "Republican party
    /// chairman Reince Priebus": the person. The role is at most four lowercase words, none a verb,
    /// preposition, pronoun or conjunction; the name has two words or more (or a title).
    /// `roleWords`: how many role words must come first (0 right after a role noun: "leader Marta Voss").
    func personAfterInstitution(_ e: Int, roleWords: Int = 1) -> (Mention, Int)? {
        // The role starts with a content word ("secretary of state", not "of the …").
        guard e < tokens.count, !tokens[e].lower(in: .prepositions), !tokens[e].lower(in: .determiners) else { return nil }
        var k = e
        while k < tokens.count && k < e + 4 && tokens[k].isWord && !tokens[k].isCap && isRoleWord(tokens[k]) { k += 1 }
        guard k >= e + roleWords, k < tokens.count, tokens[k].isCapWord else { return nil }
        let e2 = capRunForward(k)
        guard !tokens[e2 - 1].possessive, let person = analyzeRun(k, e2), case .person(let name, _, let titled) = person,
              titled || ScalarText.containsSpace(name) else { return nil }
        return (person, e2)
    }

    /// A person set off by commas after a role or an institution ending before `e`: ", Sian Maddox,"
    /// (in "The regional organiser of the union, Sian Maddox, called …"), ", the critic Desmond
    /// Kaye," or ", Devon Achebe, 41,". The name has two words or a title, and a comma (or a
    /// reporting verb) closes the apposition. Returns the person and the end of the name.
    func appositivePerson(after e: Int) -> (Mention, Int)? {
        let dashes: Set<String> = ["\u{2014}", "\u{2013}", "-"]
        guard e < tokens.count, tokens[e].text == "," || dashes.contains(tokens[e].text) else { return nil }
        var start = e + 1
        while start < tokens.count && start < e + 3 && dashes.contains(tokens[start].text) { start += 1 }
        guard let (person, end) = roleAndName(from: start, roleWords: 0), end < tokens.count,
              [",", "(", "\u{2014}", "\u{2013}", "-"].contains(tokens[end].text) || isSpeechVerb(end)
        else { return nil }
        return (person, end)
    }

    /// An optional determiner and up to three role words, then a person's full or titled name,
    /// starting at `i` ("the retired teacher Margaret Oduya", "Sen. Jo Kerr"); with its end.
    func roleAndName(from i: Int, roleWords: Int) -> (Mention, Int)? {
        var k = i
        if k < tokens.count, tokens[k].isWord, !tokens[k].isCap, tokens[k].lower(in: .determiners) { k += 1 }
        let rolesStart = k
        while k < tokens.count && k < rolesStart + 3 && tokens[k].isWord && !tokens[k].isCap && isRoleWord(tokens[k]) { k += 1 }
        guard k - rolesStart >= roleWords, k < tokens.count, tokens[k].isCapWord else { return nil }
        let end = capRunForward(k)
        guard !tokens[end - 1].possessive, let person = analyzeRun(k, end), case .person(let name, _, let titled) = person,
              titled || ScalarText.containsSpace(name) else { return nil }
        return (person, end)
    }

    /// A lowercase word that can be part of a role before a name ("press", "secretary", "delegate",
    /// "party", "chairman"): not a verb, preposition, pronoun, determiner or conjunction.
    func isRoleWord(_ token: Token) -> Bool {
        let word = token.lower
        if token.bare(in: .titles) || token.lower(in: .sourceHeads) { return true }
        return !token.lower(in: .prepositions) && !token.lower(in: .auxiliaries) && !token.lower(in: .pronouns)
            && !token.lower(in: .determiners) && !token.lower(in: .speechVerbs) && !token.lower(in: .stopCaps)
            && !word.hasSuffix("ed") && !word.hasSuffix("ly") && !word.hasSuffix("ing") && !["and", "or", "but", "who", "which", "that"].contains(word)
    }

    /// The speaker noun phrase starting at `i`; returns it with its end.
    func mentionForward(_ i: Int) -> (Mention, Int)? {
        guard i < tokens.count, tokens[i].isWord else { return nil }
        let token = tokens[i]
        if !token.isCap || token.text == "I" || ["He", "She", "They", "It", "We"].contains(token.text) {
            if token.lower(in: .pronouns) { return (.pronoun(token.lower), i + 1) }
        }
        if let after = particleRunEnd(i), after < tokens.count, tokens[after].isCapWord {
            let e = capRunForward(after)
            if case .person? = analyzeRun(after, e) { return (.person(slice(i, e), nil), e) }
        }
        if token.isCapWord {
            let e = capRunForward(i)
            let mention = analyzeRun(i, e)
            // A place, party or institution, then a role and a name: the person.
            if mention.map(isLoneWordOrGroup) ?? true, let person = personAfterInstitution(e) { return person }
            // "Brazilian officials", "Democratic lawmakers": a people and a source noun.
            guard let mention else { return groupForward(i) }
            return (mention, e)
        }
        if token.lower == "the", i + 1 < tokens.count, tokens[i + 1].isCapWord {
            let e = capRunForward(i + 1)
            if let mention = analyzeRun(i + 1, e) {
                if case .group = mention, let person = personAfterInstitution(e) { return person }
                return (mention, e)
            }
        }
        // A lowercase role before a full name: "said engineer Petra Holm", "said lawyer Ann Ruiz".
        var k = i
        while k < tokens.count && k < i + 3 && tokens[k].isWord && !tokens[k].isCap && !tokens[k].lower(in: .prepositions)
            && !tokens[k].lower(in: .auxiliaries) && !tokens[k].lower(in: .pronouns) && !isSpeechVerb(k) { k += 1 }
        let group = groupForward(i)
        if k > i, k < tokens.count, tokens[k].isCapWord, group == nil {
            let e = capRunForward(k)
            if e - k >= 2, case .person? = analyzeRun(k, e) { return (analyzeRun(k, e)!, e) }
        }
        guard let group else { return nil }
        return personAfterInstitution(group.1 - 1) ?? appositivePerson(after: group.1) ?? group
    }

    /// The speaker noun phrase ending at `j`.
    func mentionBackward(_ j: Int, notBefore lowerBound: Int) -> Mention? {
        guard j >= lowerBound, tokens[j].isWord else { return nil }
        let token = tokens[j]
        if token.lower(in: .pronouns) && (!token.isCap || token.text == "I" || isSentenceStart(j) || token.text == "He" || token.text == "She") {
            return .pronoun(token.lower)
        }
        if token.isCapWord && !token.possessive {
            let a = capRunBackward(j, notBefore: lowerBound)
            return analyzeRun(a, j + 1)
        }
        return groupBackward(j, notBefore: lowerBound)?.0
    }

    /// The subject of reporting verb `verb`: "Hegseth (also) said", "Healey, who led …, acknowledged".
    func subject(ofVerb verb: Int, notBefore lowerBound: Int) -> Mention? {
        var j = verb - 1
        var skipped = 0
        while j >= lowerBound && skipped < 3 && tokens[j].isWord && !tokens[j].isCap
            && (tokens[j].lower(in: .auxiliaries) || (tokens[j].lower.hasSuffix("ly") && tokens[j].lower.count > 3)) {
            j -= 1
            skipped += 1
        }
        guard j >= lowerBound else { return nil }
        // A comma after a parenthesis: "Gov. John Kasich (R-OH), said".
        if tokens[j].text == ",", j - 1 >= lowerBound, tokens[j - 1].text == ")" { j -= 1 }
        // A parenthesis after the name: "Sen. Bernie Sanders (I-Vt.) said".
        if tokens[j].text == ")" {
            var k = j - 1
            while k > lowerBound && k > j - 10 && tokens[k].text != "(" && tokens[k].kind != .quote { k -= 1 }
            guard k > lowerBound, tokens[k].text == "(" else { return nil }
            j = k - 1
        }
        if tokens[j].text == "," {
            // "Dean Johnson, a salesman from Sumter, South Carolina, says": the name the sentence
            // opens with, set off by a comma, is the subject, whatever the appositive holds.
            if let opening = openingName(from: lowerBound, before: j) { return opening }
            var k = j - 1
            var steps = 0
            while k > lowerBound && steps < 15 && tokens[k].text != "," && tokens[k].kind == .word || (k > lowerBound && steps < 15 && tokens[k].kind == .punct && tokens[k].text != "," && tokens[k].text != "." ) {
                k -= 1
                steps += 1
            }
            guard k > lowerBound, tokens[k].text == "," else { return nil }
            // "the opposition leader, Keir Starmer, said", "…in January, the retired teacher Margaret
            // Oduya, said": a name between the commas is the speaker, unless a person's name ends
            // before them too (a list: "Obama, Biden, said").
            if let (person, end) = roleAndName(from: k + 1, roleWords: 0), end == j, k - 1 >= lowerBound, tokens[k - 1].isWord,
               !endsPersonName(k - 1, notBefore: lowerBound) {
                return person
            }
            j = k - 1
            // "Ed Rendell (D), a Clinton supporter, praised": the parenthesis after the name.
            if tokens[j].text == ")" {
                var open = j - 1
                while open > lowerBound && open > j - 10 && tokens[open].text != "(" && tokens[open].kind != .quote { open -= 1 }
                guard open > lowerBound, tokens[open].text == "(" else { return nil }
                j = open - 1
            }
        }
        if tokens[j].lower == "who", j - 2 >= lowerBound, tokens[j - 1].text == "," {
            // "Ignacio Ferreyra, an engineer with the safety service, who described …": the name
            // before the appositive.
            var k = j - 2
            while k > lowerBound && k > j - 17 && tokens[k].text != "," && tokens[k].kind != .quote && tokens[k].text != "." { k -= 1 }
            if k > lowerBound, tokens[k].text == ",", endsPersonName(k - 1, notBefore: lowerBound),
               let person = mentionBackward(k - 1, notBefore: lowerBound) {
                return person
            }
            return mentionBackward(j - 2, notBefore: lowerBound)
        }
        // "Anthony Anton, president of the Restaurant Association stated": a name after "of" is
        // inside the appositive; the subject is the name the sentence opens with.
        if tokens[j].isCapWord {
            // "Archbishop Aris Shirvanian of the Armenian Patriarchate of Jerusalem told": the head of
            // the chain of "of" phrases is the subject.
            var start = capRunBackward(j, notBefore: lowerBound)
            var chained = false
            while true {
                var before = start - 1
                if before >= lowerBound, tokens[before].lower(in: .determiners) { before -= 1 }
                guard before - 1 >= lowerBound, ["of", "for", "at", "from", "with", "in"].contains(tokens[before].lower),
                      tokens[before - 1].isCapWord, !tokens[before - 1].possessive
                else { break }
                start = capRunBackward(before - 1, notBefore: lowerBound)
                chained = true
                if let head = analyzeRun(start, before), case .person = head { return head }
            }
            var before = capRunBackward(j, notBefore: lowerBound) - 1
            if before >= lowerBound, tokens[before].lower(in: .determiners) { before -= 1 }
            if chained || (before >= lowerBound && ["of", "for", "at", "from", "with", "in"].contains(tokens[before].lower)),
               let opening = openingName(from: lowerBound, before: start) {
                return opening
            }
            if let group = headOfPrepositionalObject(endingAt: j, notBefore: lowerBound) { return group }
        }
        if let mention = mentionBackward(j, notBefore: lowerBound) { return mention }
        // "strikers chanted", "demonstrators shouted": people named by what they do.
        if tokens[j].isWord, !tokens[j].isCap, Lexicon.isAgentivePlural(tokens[j].lower),
           j == lowerBound || !tokens[j - 1].isWord || !tokens[j - 1].lower(in: .prepositions) {
            return .group(tokens[j].text, plural: true)
        }
        return nil
    }

    /// Whether token `j` ends the name of a person (a run of capitalized words that names one).
    func endsPersonName(_ j: Int, notBefore lowerBound: Int) -> Bool {
        guard j >= lowerBound, tokens[j].isCapWord, !tokens[j].possessive else { return false }
        if case .person? = analyzeRun(capRunBackward(j, notBefore: lowerBound), j + 1) { return true }
        return false
    }

    /// For a name ending at `j` that is the object of a preposition after a common noun ("One
    /// engineer in Austin", "A former bookkeeper for the developer Curtis Lindqvist"): the noun
    /// phrase the preposition hangs from, as an unnamed source; nil otherwise.
    func headOfPrepositionalObject(endingAt j: Int, notBefore lowerBound: Int) -> Mention? {
        var p = capRunBackward(j, notBefore: lowerBound) - 1
        var roles = 0
        while p >= lowerBound && roles < 3 && tokens[p].isWord && !tokens[p].isCap && isRoleWord(tokens[p])
            && !tokens[p].lower(in: .prepositions) { p -= 1; roles += 1 }
        if p >= lowerBound && tokens[p].isWord && tokens[p].lower(in: .determiners) { p -= 1 }
        guard p - 1 >= lowerBound, ["for", "of", "at", "from", "with", "in", "on", "near"].contains(tokens[p].lower),
              tokens[p - 1].isWord, !tokens[p - 1].isCap, !tokens[p - 1].lower(in: .pronouns),
              isRoleWord(tokens[p - 1]) || tokens[p - 1].lower(in: .sourceHeads)
        else { return nil }
        // The noun phrase must open the clause ("in a way FBI Director James Comey slammed" is no
        // such phrase: Comey is the subject of his own clause).
        func opensClause(_ a: Int) -> Bool { a == lowerBound || [",", "\u{2014}", "\u{2013}", ";"].contains(tokens[a - 1].text) }
        if let (group, a) = groupBackward(p - 1, notBefore: lowerBound) {
            // A noun phrase of its own: a determiner or a possessive first, no name or verb in it.
            let phrase = tokens[a].lower(in: .determiners) || tokens[a].possessive
                || (a..<(p - 1)).allSatisfy { !tokens[$0].isCap && isRoleWord(tokens[$0]) }
            return opensClause(a) && phrase ? group : nil
        }
        // The noun phrase back to its determiner: "One engineer", "A former bookkeeper".
        var a = p - 1
        while a - 1 >= lowerBound && a > p - 5 && tokens[a - 1].isWord && !tokens[a - 1].lower(in: .determiners)
            && !tokens[a - 1].isCapWord { a -= 1 }
        guard a - 1 >= lowerBound, tokens[a - 1].isWord, tokens[a - 1].lower(in: .determiners), opensClause(a - 1) else { return nil }
        return .group(slice(a - 1, p), plural: tokens[p - 1].lower.hasSuffix("s"))
    }

    // MARK: - Roles

    /// The roles the text gives the person named by the run a..<b, as lowercased head nouns: titles
    /// in the run ("Attorney General Wade Corliss": attorney, general), a role right before it
    /// ("chief executive Marcus Ellery", "the German director Ines Falkenrath"), an appositive
    /// after it ("Ignacio Ferreyra, an engineer with …", "Nowicka, a 29-year-old midfielder who …")
    /// or before it ("His mother, Sunanda Shinde,", "The regional organiser of the union, Sian
    /// Maddox,"). What "the captain", "their director" or a headline's "Chief Says" can stand for.
    func roles(ofPersonRun a: Int, _ b: Int, nameWords: Int) -> [String] {
        var roles: [String] = []
        func add(_ k: Int) {
            let word = tokens[k].bare
            guard tokens[k].isWord, !Lexicon.honorifics.contains(word), !Lexicon.determiners.contains(word),
                  !Lexicon.prepositions.contains(word), !["and", "former", "acting", "interim", "senior", "junior", "deputy", "the"].contains(word)
            else { return }
            if !roles.contains(word) { roles.append(word) }
        }
        for k in a..<max(a, b - nameWords) where tokens[k].bare(in: .titles) { add(k) }
        // Lowercase role words right before the run.
        var k = a - 1
        while k >= 0 && k > a - 4 && tokens[k].isWord && !tokens[k].isCap && isRoleWord(tokens[k])
            && !tokens[k].lower(in: .determiners) && !tokens[k].lower(in: .prepositions) {
            if k == a - 1 { add(k) } else if tokens[k].bare(in: .titles) { add(k) }
            k -= 1
        }
        // An appositive after the name: its head is the last word before "who", "with", "of", a comma…
        if b + 1 < tokens.count, tokens[b].text == ",", tokens[b + 1].isWord, tokens[b + 1].lower(in: .determiners) {
            var h = b + 2
            while h < tokens.count && h < b + 8 && tokens[h].isWord && !tokens[h].lower(in: .prepositions)
                && !["who", "whose", "which", "that", "and"].contains(tokens[h].lower) && !isSpeechVerb(h) { h += 1 }
            if h > b + 2, h < tokens.count, !tokens[h - 1].isCap, isRoleWord(tokens[h - 1]) { add(h - 1) }
        }
        // A role opening the clause before ", NAME,": "His mother, Sunanda Shinde,", "The regional
        // organiser of the Energy Workers' Alliance, Sian Maddox," (the noun before "of" an
        // organisation); not a phrase inside another ("One of the authors of that report, X,").
        if a - 2 >= 0, tokens[a - 1].text == ",", b < tokens.count, tokens[b].text == "," || isSpeechVerb(b) {
            var head = a - 2
            if tokens[head].isCapWord {
                // Back over the organisation's name and its article to "of".
                var k = capRunBackward(head, notBefore: 0) - 1
                if k >= 0, tokens[k].lower(in: .determiners) { k -= 1 }
                head = k >= 1 && tokens[k].lower == "of" ? k - 1 : -1
            }
            guard head >= 0 else { return roles }
            var start = head
            while start - 1 >= 0 && start > head - 4 && tokens[start - 1].isWord && !tokens[start - 1].possessive
                && !tokens[start - 1].lower(in: .determiners) && !tokens[start - 1].lower(in: .prepositions) { start -= 1 }
            if start - 1 >= 0, tokens[start - 1].lower(in: .determiners) || tokens[start - 1].possessive { start -= 1 }
            let opensClause = start == 0 || isSentenceStart(start) || [",", "\u{2014}", "\u{2013}", ";"].contains(tokens[start - 1].text)
            if opensClause, tokens[head].isWord, !tokens[head].isCap, isRoleWord(tokens[head]) { add(head) }
        }
        return roles
    }

    /// A person or source named at the start of the clause `lowerBound..<end` and set off by a comma
    /// ("Dean Johnson, a 55-year-old salesman, …"), or nil.
    func openingName(from lowerBound: Int, before end: Int) -> Mention? {
        var i = lowerBound
        while i < end && tokens[i].kind != .word { i += 1 }
        guard i < end, let (mention, e) = mentionForward(i), e < end, tokens[e].text == "," else { return nil }
        if case .pronoun = mention { return nil }
        // "One supporter, Devon Achebe, 41, …, said": the person the role names.
        if isLoneWordOrGroup(mention), let (person, _) = appositivePerson(after: e) { return person }
        return mention
    }
}
