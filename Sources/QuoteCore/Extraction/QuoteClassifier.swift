/// Tells what kind of quoted text each quote of an article is (`Quote.Kind`): speech, a scare quote
/// or term ("so-called “green corridor”", a short fragment nobody is said to have said), or the title
/// of a work ("the book “Team of Rivals”").
///
/// Reads only the words right before the quote and the quote's own text; whether attribution found
/// a speaker is given by the caller.
struct QuoteClassifier {
    let text: ArticleText

    /// Number of whitespace-separated words in quote `quoteIndex` (0 when empty).
    func wordCount(_ quoteIndex: Int) -> Int {
        guard let range = text.quoteRanges[quoteIndex] else { return 0 }
        var count = 0
        var inWord = false
        for k in range {
            let space = QuoteMarkScanner.isSpace(text.scalars[k])
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// A short quote (three words or fewer) that could be a term rather than speech — unless it is a
    /// whole sentence of its own (“Smoking kills.”: capitalized, ending in . ? ! and opening its sentence).
    func isShort(_ quoteIndex: Int) -> Bool {
        guard wordCount(quoteIndex) <= 3 else { return false }
        guard let range = text.quoteRanges[quoteIndex], text.quoteEndsSentence[quoteIndex],
              QuoteMarkScanner.isUppercase(text.scalars[range.lowerBound]) else { return true }
        let quoteToken = text.tokenOfQuote[quoteIndex]
        return !(text.isSentenceStart(quoteToken) || (quoteToken > 0 && text.tokens[quoteToken - 1].kind == .paragraphBreak))
    }

    /// Capitalized first word, and at least 60% of the words longer than three letters capitalized.
    /// Read on the scalars when every one is a character of its own (`ScalarText.isOwnCharacter`),
    /// else on the `Character`s of the string.
    func isTitleCase(_ range: Range<Int>) -> Bool {
        let scalars = text.scalars
        guard range.allSatisfy({ ScalarText.isOwnCharacter(scalars[$0]) }) else { return isTitleCaseOfString(range) }
        var sawFirst = false
        var long = 0
        var caps = 0
        var k = range.lowerBound
        while k < range.upperBound {
            if scalars[k] == " " { k += 1; continue }
            let start = k
            while k < range.upperBound && scalars[k] != " " { k += 1 }
            let capitalized = QuoteMarkScanner.isUppercase(scalars[start])
            if !sawFirst {
                guard capitalized else { return false }
                sawFirst = true
            }
            if k - start > 3 {
                long += 1
                if capitalized { caps += 1 }
            }
        }
        guard sawFirst else { return false }
        guard long > 0 else { return true }
        return caps * 10 >= long * 6
    }

    private func isTitleCaseOfString(_ range: Range<Int>) -> Bool {
        let words = text.string(range).split(whereSeparator: { $0 == " " })
        guard let first = words.first?.unicodeScalars.first, QuoteMarkScanner.isUppercase(first) else { return false }
        let long = words.filter { $0.count > 3 }
        guard !long.isEmpty else { return true }
        let caps = long.filter { $0.unicodeScalars.first.map(QuoteMarkScanner.isUppercase) == true }
        return caps.count * 10 >= long.count * 6
    }

    /// The kind of quote `quoteIndex`, from the (at most five) words before it in its sentence:
    /// `.title` after "titled" or a work noun with a title-case quote, `.scare` after a naming cue
    /// ("so-called", "dubbed", "the term", "call it"), else `.speech` when `attributed`, else `.scare`
    /// for a short quote and `.speech` for a longer one.
    /// Whether the words before quote `quoteIndex` make it a title or a term whatever its
    /// attribution ("titled", "so-called", "the word", "call it").
    func isNamingOrTitle(_ quoteIndex: Int) -> Bool {
        kind(quoteIndex, attributed: true) != .speech
    }

    /// An unattributed title-case quote set after a noun phrase like a name ("its quarterly outlook,
    /// “Prices and Prospects,” next week"), or joined to a title ("include “Salt for the Wound” and
    /// “A House With No Doors”"): the title of a work.
    private func isWorkAfterNoun(_ quoteToken: Int, range: Range<Int>, back: [String]) -> Bool {
        let tokens = text.tokens
        guard quoteToken >= 2 else { return false }
        let before = tokens[quoteToken - 1]
        if ["and", "or"].contains(before.lower), tokens[quoteToken - 2].kind == .quote {
            return kind(tokens[quoteToken - 2].quote, attributed: false) == .title
        }
        guard before.text == ",", let noun = back.first, tokens[quoteToken - 2].isWord, !tokens[quoteToken - 2].isCap,
              !text.isSpeechVerb(quoteToken - 2), !Lexicon.auxiliaries.contains(noun), !Lexicon.prepositions.contains(noun),
              !Lexicon.pronouns.contains(noun) else { return false }
        return back.prefix(5).contains(where: { ["its", "his", "her", "their", "our", "the", "a", "an"].contains($0) })
    }

    func kind(_ quoteIndex: Int, attributed: Bool) -> Quote.Kind {
        let tokens = text.tokens
        let quoteToken = text.tokenOfQuote[quoteIndex]
        let lowerBound = text.sentences[text.sentenceOf[quoteToken]].lowerBound
        var back: [String] = []
        var k = quoteToken - 1
        while k >= lowerBound && back.count < 5 && tokens[k].kind != .quote && tokens[k].kind != .paragraphBreak {
            if tokens[k].isWord { back.append(tokens[k].lower) }
            k -= 1
        }
        let titleCase = text.quoteRanges[quoteIndex].map(isTitleCase) ?? false
        if back.prefix(2).contains(where: { $0 == "titled" || $0 == "entitled" }) { return .title }
        if titleCase && back.prefix(4).contains(where: Lexicon.workNouns.contains) { return .title }
        let naming: Bool = {
            // "a group called the “Free Streets Alliance”": the article before the quote is part of the name.
            let shifted = back.first.map { ["the", "a", "an"].contains($0) } == true && back.count > 1 && ["called", "named"].contains(back[1])
            let back = shifted ? Array(back.dropFirst()) : back
            // The word before "called" (a name there makes it "Smith called ‘…’", an evaluation).
            let beforeVerb = quoteToken - (shifted ? 3 : 2)
            guard let previous = back.first else { return false }
            if ["so-called", "dubbed", "nicknamed", "termed", "christened", "self-styled", "self-described",
                "alleged", "supposed", "quote-unquote"].contains(previous) { return true }
            if previous == "as" && back.count > 1 && back[1] == "known" { return true }
            // "Villagers have always called the schoolhouse “…”": a habit of naming, not an evaluation.
            if let v = back.prefix(5).firstIndex(where: { ["called", "call", "calls", "dubbed"].contains($0) }), v + 1 < back.count,
               ["always", "long", "often", "commonly", "affectionately", "usually"].contains(back[v + 1]),
               !back[..<v].contains(where: { Lexicon.prepositions.contains($0) }) { return true }
            if ["term", "terms", "word", "words", "phrase", "label", "slogan", "motto", "hashtag", "moniker",
                "buzzword", "catchphrase", "nickname"].contains(previous), back.count > 1,
               ["the", "a", "this", "that", "its", "their"].contains(back[1]) { return true }
            if ["called", "named"].contains(previous), back.count > 1 {
                let before = back[1]
                return !Lexicon.pronouns.contains(before) && !["him", "her", "them", "it", "me", "us", "what", "who", "has", "had", "have", "was", "once"].contains(before)
                    && !(beforeVerb >= 0 && tokens[beforeVerb].isCap)
            }
            // Naming an object: "locals call the building “the old mill”", "fans dubbed him “the Wall”".
            // Present-tense "call" is habitual naming; past "called X ‘reckless’" stays an evaluation.
            if let v = back.prefix(4).dropFirst().firstIndex(where: { ["call", "calls", "dub", "dubs", "dubbed", "nickname", "nicknames", "nicknamed"].contains($0) }),
               wordCount(quoteIndex) <= 4,
               !back[..<v].contains(where: { Lexicon.prepositions.contains($0) }) {
                return true
            }
            return back.prefix(3).contains("so-called")
        }()
        if naming { return titleCase && back.contains(where: Lexicon.workNouns.contains) ? .title : .scare }
        if attributed { return .speech }
        if titleCase, let range = text.quoteRanges[quoteIndex], !text.quoteEndsSentence[quoteIndex], isWorkAfterNoun(quoteToken, range: range, back: back) {
            return .title
        }
        return isShort(quoteIndex) ? .scare : .speech
    }
}
