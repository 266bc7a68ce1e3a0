/// The text of one article as the attribution reads it: its Unicode scalars, its tokens, its quotes
/// (each with its trimmed text range and its token) and its sentences, all in flat arrays indexed
/// by Int, plus the small text helpers everything else uses.
///
/// Built once per article and never changed afterwards. Names and noun phrases are found by
/// `ArticleText+Mentions.swift`, look-arounds of a quote or a sentence by
/// `ArticleText+SentenceAttribution.swift`; sentence segmentation needs one of those (is what
/// follows a quote a bare attribution?), which is why they are queries on the text.
struct ArticleText {
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    /// The outermost quoted spans, in order; `Token.quote` indexes this array and the three below.
    let spans: [QuoteMarkScanner.MarkSpan]

    /// Trimmed text range of each quote (nil when empty).
    private(set) var quoteRanges: [Range<Int>?] = []
    /// Whether each quote's trimmed text ends in . ? ! or … (read before the trailing comma goes).
    private(set) var quoteEndsSentence: [Bool] = []
    /// Index in `tokens` of each quote's `.quote` token.
    private(set) var tokenOfQuote: [Int] = []
    /// Token ranges of the sentences, in order; paragraph breaks belong to none.
    private(set) var sentences: [Range<Int>] = []
    /// Index in `sentences` of each token's sentence (a paragraph break: the sentence before it).
    private(set) var sentenceOf: [Int] = []
    /// Every word the article writes in lowercase somewhere ("Hope" opening a sentence is no name
    /// when "hope" appears too).
    private(set) var lowercaseWords: Set<String> = []
    /// Whether each sentence is set in title case or capitals (a headline: "Glenn Beck Blasts Drudge
    /// for ‘Boasters’"), where a run of capitalized words is no name by itself.
    private(set) var isHeadline: [Bool] = []
    /// The full names (two words or more) the article's other sentences give people, lower-cased:
    /// in a headline, a name is the longest of them that starts a capitalized run.
    private(set) var bodyNames: Set<String> = []
    /// For each token that starts a capitalized run when its sentence is read left to right, the
    /// run's end (clipped to the sentence) and what `analyzeRun` makes of it: the article's names
    /// are looked at by several passes, and classified once. -1 elsewhere.
    private var runEnds: [Int32] = []
    private var runMentions: [Mention?] = []

    init(scalars: [Unicode.Scalar], tokens: [Token], spans: [QuoteMarkScanner.MarkSpan]) {
        self.scalars = scalars
        self.tokens = tokens
        self.spans = spans
        prepareQuotes()
        // Sized once (it is only ever asked, never listed), read in place, built in a local.
        var lowercase = Set<String>(minimumCapacity: tokens.count / 2)
        for k in tokens.indices where tokens[k].isWord && !tokens[k].isCap { lowercase.insert(tokens[k].lower) }
        lowercaseWords = lowercase
        segmentSentences()
        classifyRuns()
        markHeadlines()
    }

    private mutating func classifyRuns() {
        var ends = [Int32](repeating: -1, count: tokens.count)
        var mentions = [Mention?](repeating: nil, count: tokens.count)
        for sentence in sentences {
            var k = sentence.lowerBound
            while k < sentence.upperBound {
                guard tokens[k].isCapWord else { k += 1; continue }
                let e = min(capRunForward(k), sentence.upperBound)
                ends[k] = Int32(e)
                mentions[k] = classifyRun(k, e)
                k = max(e, k + 1)
            }
        }
        runEnds = ends
        runMentions = mentions
    }

    /// Classifies a run of capitalized words a..<b: a person (titles stripped) or an institution.
    func analyzeRun(_ a: Int, _ b: Int) -> Mention? {
        if a >= 0, a < runEnds.count, runEnds[a] == Int32(b) { return runMentions[a] }
        return classifyRun(a, b)
    }

    /// Marks the headline sentences (at least four words, nine in ten of the longer ones
    /// capitalized) and collects the full names of the others.
    private mutating func markHeadlines() {
        var headlines: [Bool] = []
        for sentence in sentences {
            // Short words and numbers are set either way ("Director Calls Her Film ‘…’", "Cut 1,200
            // Jobs"); a quote counts towards the length.
            // Counted in one pass, with no arrays of indices.
            var long = 0
            var words = 0
            var capitalized = 0
            // The tokens read in place, not copied.
            for k in sentence {
                if tokens[k].kind == .quote || tokens[k].isWord { long += 1 }
                guard tokens[k].isWord, !tokens[k].lower(in: .stopCaps), !QuoteMarkScanner.isDigit(scalars[tokens[k].start]) else { continue }
                words += 1
                if tokens[k].isCap { capitalized += 1 }
            }
            headlines.append(long >= 4 && words >= 3 && capitalized * 10 >= words * 9)
        }
        var names: Set<String> = []
        for (index, sentence) in sentences.enumerated() where !headlines[index] {
            var k = sentence.lowerBound
            while k < sentence.upperBound {
                guard tokens[k].isCapWord else { k += 1; continue }
                let e = min(capRunForward(k), sentence.upperBound)
                if case .person(let name, _, _)? = analyzeRun(k, e), ScalarText.containsSpace(name) { names.insert(name.lowercased()) }
                k = max(e, k + 1)
            }
        }
        isHeadline = headlines
        bodyNames = names
    }

    /// In a headline, where a capitalized run starting at `i` and ending at `end` names someone: the
    /// longest full name of the body it starts with ("Glenn Beck" of "Glenn Beck Blasts Drudge"),
    /// else a first name and the word after it, else the first word.
    func headlineNameEnd(_ i: Int, _ end: Int) -> Int {
        var best: Int?
        var name = ""
        for k in i..<end {
            name += (k > i ? " " : "") + tokens[k].lower
            if k > i && bodyNames.contains(name) { best = k + 1 }
        }
        if let best { return best }
        if end - i >= 2, FirstNames.table[tokens[i].lower] != nil { return i + 2 }
        return i + 1
    }

    // MARK: - Small helpers

    /// The article's text over the scalar range `range`.
    func string(_ range: Range<Int>) -> String {
        ScalarText.string(scalars[range])
    }

    /// Text of tokens a..<b as it appears in the article (a trailing "’s" dropped).
    func slice(_ a: Int, _ b: Int) -> String {
        let last = tokens[b - 1]
        return string(tokens[a].start..<(last.start + last.text.unicodeScalars.count))
    }

    /// A lowercase reporting verb ("said", "told", "according").
    func isSpeechVerb(_ k: Int) -> Bool {
        guard tokens[k].isWord && !tokens[k].isCap else { return false }
        if tokens[k].lower(in: .speechVerbs) { return true }
        // "shot back", "fired back", "hit back": a retort.
        return tokens[k].lower(in: .retortVerbs) && k + 1 < tokens.count && tokens[k + 1].lower == "back"
    }

    /// Two or more letters (periods aside), all uppercase or digits: "NATO", "U.S.", "G7".
    func isAcronym(_ token: Token) -> Bool {
        let letters = token.text.unicodeScalars.filter { $0 != "." }
        return letters.count >= 2 && letters.allSatisfy { QuoteMarkScanner.isUppercase($0) || QuoteMarkScanner.isDigit($0) }
    }

    /// Only meaningful once sentences are segmented; during segmentation, an unfinished sentence
    /// counts as not started here.
    func isSentenceStart(_ k: Int) -> Bool {
        k < sentenceOf.count && sentenceOf[k] < sentences.count && sentences[sentenceOf[k]].lowerBound == k
    }

    /// The first token of the paragraph that `token` (a sentence's first token) lies in: earlier
    /// tokens of the same paragraph number not behind a paragraph break.
    func paragraphStart(before token: Int) -> Int {
        let paragraph = tokens[token].paragraph
        var start = token
        while start > 0 && tokens[start - 1].kind != .paragraphBreak && tokens[start - 1].paragraph == paragraph { start -= 1 }
        return start
    }

    /// "Q" or "A" when the paragraph starting at token `k` is a line of an interview transcript
    /// ("Q: “Why an orchard?”"), else nil.
    func transcriptLine(at k: Int) -> String? {
        guard k + 2 < tokens.count, tokens[k].text == "Q" || tokens[k].text == "A", tokens[k + 1].text == ":",
              tokens[k + 2].kind == .quote else { return nil }
        return tokens[k].text
    }

    // MARK: - Quotes and sentences

    private mutating func prepareQuotes() {
        quoteRanges = []
        quoteEndsSentence = []
        tokenOfQuote = [Int](repeating: -1, count: spans.count)
        for (k, token) in tokens.enumerated() where token.kind == .quote { tokenOfQuote[token.quote] = k }
        for span in spans {
            var a = span.open + 1
            var b = span.close
            while a < b && QuoteMarkScanner.isSpace(scalars[a]) { a += 1 }
            while b > a && QuoteMarkScanner.isSpace(scalars[b - 1]) { b -= 1 }
            let last = b > a ? scalars[b - 1] : " "
            quoteEndsSentence.append(".?!\u{2026}".unicodeScalars.contains(last))
            // Benchmark convention: one trailing comma goes (it belongs to the attribution, "…,” she
            // said); terminal . ? ! … stay, as they are part of what was said.
            if b > a && scalars[b - 1] == "," {
                b -= 1
                while b > a && QuoteMarkScanner.isSpace(scalars[b - 1]) { b -= 1 }
            }
            quoteRanges.append(b > a ? a..<b : nil)
        }
    }

    /// A sentence ends at . ? ! … before a paragraph break, a quote or a capitalized word, at a
    /// paragraph break, and after a quote ending in . ? ! … that a capitalized word or another quote
    /// follows, unless what follows is the quote's bare attribution ("“…won.” Smith said.").
    private mutating func segmentSentences() {
        sentences = []
        sentenceOf = [Int](repeating: 0, count: tokens.count)
        var start = 0
        func close(_ end: Int) {
            if start < end {
                for k in start..<end { sentenceOf[k] = sentences.count }
                sentences.append(start..<end)
            }
            start = end
        }
        var datelineEnd = -1
        // The tokens are read in place (a copy of one is three strings retained and released).
        for i in 0..<tokens.count {
            let kind = tokens[i].kind
            // A dateline ("CARDIFF, Wales —") is a sentence of its own: no subject, no speaker.
            if i == start, i == 0 || tokens[i - 1].kind == .paragraphBreak, let end = dateline(at: i) { datelineEnd = end }
            if i + 1 == datelineEnd {
                close(i + 1)
                continue
            }
            if kind == .paragraphBreak {
                close(i)
                sentenceOf[i] = max(0, sentences.count - 1)
                start = i + 1
                continue
            }
            let hasNext = i + 1 < tokens.count
            var boundary = false
            if kind == .punct && ArticleText.isSentenceEndMark(tokens[i].text) {
                if hasNext {
                    boundary = tokens[i + 1].kind == .paragraphBreak || tokens[i + 1].kind == .quote || tokens[i + 1].isCap
                } else {
                    boundary = true
                }
            } else if kind == .quote && quoteEndsSentence[tokens[i].quote], hasNext, tokens[i + 1].isCap || tokens[i + 1].kind == .quote {
                boundary = afterAttribution(i, strict: true) == nil
            }
            if boundary { close(i + 1) }
        }
        close(tokens.count)
    }

    /// Whether a punctuation token ends a sentence: ". ? ! …" (compared with no array per token).
    private static func isSentenceEndMark(_ text: String) -> Bool {
        text == "." || text == "?" || text == "!" || text == "\u{2026}"
    }

    /// The end of a dateline opening a paragraph at `i` (after its dash): a place in capitals, then
    /// at most a few capitalized words, commas or a parenthesised agency ("SANTIAGO, Chile —",
    /// "WASHINGTON (AP) —"); nil when the paragraph opens otherwise.
    private func dateline(at i: Int) -> Int? {
        guard tokens[i].isCapWord, tokens[i].text.unicodeScalars.filter(QuoteMarkScanner.isLetter).count >= 3,
              !tokens[i].text.unicodeScalars.contains(where: QuoteMarkScanner.isLowercase) else { return nil }
        var k = i + 1
        while k < tokens.count && k < i + 10 {
            let token = tokens[k]
            if token.kind == .punct && ["\u{2014}", "\u{2013}", "-", "--"].contains(token.text) {
                return k + 1 < tokens.count && tokens[k + 1].kind == .word ? k + 1 : nil
            }
            guard token.isCapWord || (token.kind == .punct && [",", "(", ")", "."].contains(token.text)) else { return nil }
            k += 1
        }
        return nil
    }
}
