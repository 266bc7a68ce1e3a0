/// The attribution pass over one article: reads its sentences paragraph by paragraph, gives each
/// quote the speaker its own sentence names or, failing that, one from its context (the paragraph,
/// a colon introduction ending the previous paragraph, the next sentence, the previous paragraph's
/// speaker), then classifies every quote and returns them as `Quote`s.
///
/// The parts: `ArticleText` holds the tokens, quotes and sentences; its extensions find mentions
/// (`ArticleText+Mentions.swift`: names, noun phrases) and read a quote's or a sentence's
/// attribution (`ArticleText+SentenceAttribution.swift`); `DiscourseContext` resolves mentions
/// (full names, pronouns); `QuoteClassifier` tells speech from scare quotes and titles;
/// `QuoteAttribution` is what the pass records per quote.
struct ArticleAnalysis {
    let text: ArticleText
    private let classifier: QuoteClassifier
    /// The grammatical subject of each sentence, indexed like `text.sentences`.
    private let subjects: [Mention?]
    /// The token after each sentence's subject (its start when it has none).
    private let subjectEnds: [Int]
    private var context: DiscourseContext
    /// One per quote, indexed like `text.spans`.
    private var attributions: [QuoteAttribution]

    /// What the pass carries through one paragraph.
    private struct ParagraphState {
        /// The paragraph's first token.
        let startToken: Int
        /// The sentence being read.
        var sentence = 0
        /// The paragraph's latest speaker: what a later unattributed quote inherits.
        var latestSpeaker: Mention.Resolution? { didSet { latestSentence = sentence } }
        /// The latest speaker given by narration (an introduction before a quote, reported speech
        /// without a quote) or by a short quote: what a later unattributed short quote inherits.
        var narratedSpeaker: Mention.Resolution? { didSet { narratedSentence = sentence } }
        /// The paragraph's non-empty quotes, in order.
        var quotes: [Int] = []
        /// For a line of an interview transcript ("Q: “…”", "A: “…”"): who speaks it (nil inside: nobody named).
        var transcriptSpeaker: Mention.Resolution??
        private(set) var latestSentence = 0
        private(set) var narratedSentence = 0

        init(startToken: Int) {
            self.startToken = startToken
        }

        /// How many sentences back a speaker is still inherited: a long paragraph (a book's page,
        /// a long column) changes its subject.
        static let latestReach = Int.max / 2
        static let narratedReach = 8

        /// What an unattributed quote of the current sentence inherits (a short one only from narration).
        func inherited(short: Bool) -> Mention.Resolution? {
            if short {
                // An unnamed source ("children would repeat the phrases") speaks for the next sentence only.
                let reach = narratedSpeaker?.speaker == nil ? 1 : Self.narratedReach
                return sentence - narratedSentence <= reach ? narratedSpeaker : nil
            }
            return sentence - latestSentence <= Self.latestReach ? latestSpeaker : nil
        }
    }

    init(scalars: [Unicode.Scalar], tokens: [Token], spans: [QuoteMarkScanner.MarkSpan]) {
        let text = ArticleText(scalars: scalars, tokens: tokens, spans: spans)
        let context = DiscourseContext(registeringPeopleIn: text)
        self.text = text
        self.classifier = QuoteClassifier(text: text)
        self.context = context
        // Every sentence's subject is needed once; the names it checks are all registered by now.
        let found = text.sentences.indices.map { text.subject(ofSentence: $0, knownNames: context.registry) }
        self.subjects = found.map { $0?.mention }
        self.subjectEnds = zip(found, text.sentences).map { $0?.end ?? $1.lowerBound }
        self.attributions = [QuoteAttribution](repeating: QuoteAttribution(), count: spans.count)
    }

    // MARK: - Pipeline

    /// Every non-empty quote of the article, in order, with its kind and (for speech) its speaker.
    mutating func run() -> [Quote] {
        var colonIntroduction: Mention.Resolution?
        var previousParagraphSpeaker: Mention.Resolution?
        var interview: (question: Mention.Resolution?, answer: Mention.Resolution?)?
        var previousParagraphStart = 0
        var sentenceIndex = 0
        while sentenceIndex < text.sentences.count {
            let firstToken = text.sentences[sentenceIndex].lowerBound
            let paragraphNumber = text.tokens[firstToken].paragraph
            var paragraph = ParagraphState(startToken: text.paragraphStart(before: firstToken))
            if let line = text.transcriptLine(at: paragraph.startToken) {
                if interview == nil { interview = interviewSpeakers(introducedFrom: previousParagraphStart, to: paragraph.startToken) }
                paragraph.transcriptSpeaker = line == "Q" ? interview?.question : interview?.answer
            } else {
                interview = nil
            }
            previousParagraphStart = paragraph.startToken
            while sentenceIndex < text.sentences.count && text.tokens[text.sentences[sentenceIndex].lowerBound].paragraph == paragraphNumber {
                paragraph.sentence = sentenceIndex
                attributeSentence(sentenceIndex, in: &paragraph, colonIntroduction: colonIntroduction)
                sentenceIndex += 1
            }
            inheritWithinParagraph(paragraph, previousParagraphSpeaker: previousParagraphSpeaker)
            if let last = paragraph.quotes.last(where: { attributions[$0].resolution != nil }) {
                previousParagraphSpeaker = attributions[last].resolution
            } else if !paragraph.quotes.isEmpty || paragraph.latestSpeaker != nil {
                previousParagraphSpeaker = nil
            }
            // A colon introduction at the paragraph's end ("Hegseth said:") speaks the next paragraph.
            colonIntroduction = nil
            let lastSentence = sentenceIndex - 1
            if let mention = text.colonIntroduction(endingSentence: lastSentence, sentenceSubject: subjects[lastSentence]) {
                let resolution = context.resolve(mention)
                if !resolution.isEmpty { colonIntroduction = resolution }
            }
        }
        attributeHeadlines()
        return quotes()
    }

    // MARK: - Headlines

    /// A headline quote ("Senator Says Plan Is ‘Reckless’") is spoken by the person the headline
    /// names as saying it, else by whoever the body quotes in the same words, else by the person the
    /// body is about (its first person speaker or subject).
    private mutating func attributeHeadlines() {
        for (sentenceIndex, sentence) in text.sentences.enumerated() where text.isHeadline[sentenceIndex] {
            let quotes = sentence.filter { text.tokens[$0].kind == .quote }.map { text.tokens[$0].quote }.filter { text.quoteRanges[$0] != nil }
            guard !quotes.isEmpty else { continue }
            let mention = text.headlineSpeaker(inSentence: sentenceIndex)
            var named = mention.map { context.resolve($0) }
            // A role ("Chief Says", "Texas Attorney General Calls", "Copper Saints Singer:") is the
            // person the body gives it, else the person the article is most about.
            var role = false
            if case .group(let description, _)? = mention, named?.speaker == nil,
               let last = NameRegistry.words(description).last?.lowercased(),
               Lexicon.sourceHeads.contains(last) || Lexicon.officeTitles.contains(last) || text.lowercaseWords.contains(last) {
                role = true
                if let holder = context.holder(ofRole: description, definiteOnly: false) { named = Mention.Resolution(speaker: holder, source: nil) }
            }
            if named?.speaker == nil { named = nil }
            // Only the article's own headline is about the person its body is about (a heading in
            // capitals further down a newsletter is not).
            let leading = text.isHeadline[..<sentenceIndex].allSatisfy { $0 }
            for quoteIndex in quotes where !classifier.isNamingOrTitle(quoteIndex) {
                if let named {
                    attributions[quoteIndex].attribute(to: named, .sentence)
                } else if let speaker = bodySpeaker(quoting: quoteIndex) ?? (leading ? (role ? mainPerson() : nil) ?? firstBodyPerson() : nil) {
                    attributions[quoteIndex].attribute(to: speaker, .context)
                }
            }
        }
    }

    /// The speaker of a quote outside the headlines whose words hold quote `quoteIndex`'s.
    private func bodySpeaker(quoting quoteIndex: Int) -> Mention.Resolution? {
        guard let range = text.quoteRanges[quoteIndex] else { return nil }
        let words = " " + TextNormalizer.normalizedString(text.string(range)) + " "
        for (other, otherRange) in text.quoteRanges.enumerated() where other != quoteIndex {
            guard let otherRange, !text.isHeadline[text.sentenceOf[text.tokenOfQuote[other]]],
                  let speaker = attributions[other].resolution, speaker.speaker != nil
            else { continue }
            if (" " + TextNormalizer.normalizedString(text.string(otherRange)) + " ").contains(words) { return speaker }
        }
        return nil
    }

    /// The person the article is most about: of the full names it gives, the one whose surname it
    /// writes most often.
    private func mainPerson() -> Mention.Resolution? {
        context.mostNamedPerson().map { Mention.Resolution(speaker: $0, source: nil) }
    }

    /// The first person the body quotes or makes a sentence's subject.
    private mutating func firstBodyPerson() -> Mention.Resolution? {
        for (sentenceIndex, sentence) in text.sentences.enumerated() where !text.isHeadline[sentenceIndex] {
            for k in sentence where text.tokens[k].kind == .quote {
                if let speaker = attributions[text.tokens[k].quote].resolution, speaker.speaker != nil { return speaker }
            }
            if let subject = subjects[sentenceIndex], case .person = subject {
                let resolution = context.resolve(subject)
                if resolution.speaker != nil { return resolution }
            }
        }
        return nil
    }

    // MARK: - First pass, sentence by sentence

    /// Attributes the quotes of one sentence, takes its reported speech ("X said that …") as the
    /// paragraph's speaker, and notes the people it names and its subject in the context.
    private mutating func attributeSentence(_ sentenceIndex: Int, in paragraph: inout ParagraphState,
                                            colonIntroduction: Mention.Resolution?) {
        let sentence = text.sentences[sentenceIndex]
        var hadQuote = false
        for quoteToken in sentence where text.tokens[quoteToken].kind == .quote {
            let quoteIndex = text.tokens[quoteToken].quote
            guard text.quoteRanges[quoteIndex] != nil else { continue }
            hadQuote = true
            paragraph.quotes.append(quoteIndex)
            attributeQuote(quoteIndex, at: quoteToken, sentence: sentenceIndex, in: &paragraph, colonIntroduction: colonIntroduction)
        }
        if !hadQuote, let mention = text.indirectSpeaker(inSentence: sentenceIndex, sentenceSubject: subjects[sentenceIndex]) {
            let resolution = context.resolve(mention)
            if !resolution.isEmpty {
                paragraph.narratedSpeaker = resolution
                paragraph.latestSpeaker = resolution
                context.note(mention, resolved: resolution)
            }
        }
        context.notePeopleNamed(inSentence: sentenceIndex, of: text)
        if let subject = subjects[sentenceIndex] {
            if case .pronoun = subject {} else { context.note(subject) }
            // "Alex Morgan said her team was ready": the article's pronoun gives the subject's gender.
            if case .person = subject, let name = context.resolve(subject).speaker,
               let (gender, near) = text.pronounGender(inSentence: sentenceIndex, after: subjectEnds[sentenceIndex]) {
                context.learn(gender, for: name, stated: near)
            }
        }
    }

    /// Gives quote `quoteIndex` (token `quoteToken`) the speaker its sentence names, else one from
    /// the context: a colon introduction before the paragraph (for its first token), the
    /// paragraph's speaker so far, or a speaker named in the next sentence.
    private mutating func attributeQuote(_ quoteIndex: Int, at quoteToken: Int, sentence sentenceIndex: Int,
                                         in paragraph: inout ParagraphState, colonIntroduction: Mention.Resolution?) {
        if let speaker = paragraph.transcriptSpeaker, quoteToken == paragraph.startToken + 2 {
            attributions[quoteIndex].attribute(to: speaker ?? Mention.Resolution(), .sentence)
            if let speaker { paragraph.latestSpeaker = speaker } else { attributions[quoteIndex].blocked = true }
            return
        }
        if let (mention, viaNarration) = mentionInSentence(ofQuote: quoteIndex, at: quoteToken, sentence: sentenceIndex) {
            let resolution = context.resolve(mention)
            context.note(mention, resolved: resolution)
            if !resolution.isEmpty {
                attributions[quoteIndex].attribute(to: resolution, .sentence)
                paragraph.latestSpeaker = resolution
                if viaNarration || classifier.isShort(quoteIndex) { paragraph.narratedSpeaker = resolution }
                return
            }
            // "…,” they said" with no group named, "we", "I", or a "he"/"she" whose gender rules out
            // everyone named: speech, by nobody the article names (rather than the paragraph's speaker).
            if case .pronoun(let pronoun) = mention, pronoun != "it" {
                attributions[quoteIndex].attribute(to: resolution, .sentence)
                attributions[quoteIndex].blocked = true
                return
            }
        }
        let short = classifier.isShort(quoteIndex)
        // A quote inside narration is speech when a speaker is in reach: a reporting verb anywhere in
        // its sentence ("…has been “arbitrarily detained”, the rights group says"), else the person
        // the sentence is about ("Clinton decried the GOP for “turning its back”").
        if !classifier.isNamingOrTitle(quoteIndex), let (mention, reported) = speakerInReach(ofQuote: quoteToken, sentence: sentenceIndex) {
            let resolution = context.resolve(mention)
            // A subject speaks only when it is a person ("Upstairs were the “parlour” …" is no one).
            if reported ? !resolution.isEmpty : resolution.speaker != nil {
                attributions[quoteIndex].attribute(to: resolution, .sentence)
                context.note(mention, resolved: resolution)
                // Only reported speech speaks for the short quotes that follow; a sentence's subject
                // speaks for its own quote alone.
                if reported { paragraph.narratedSpeaker = resolution }
                if !short { paragraph.latestSpeaker = resolution }
                return
            }
        }
        var inherited: Mention.Resolution?
        if quoteToken == paragraph.startToken, let colonIntroduction { inherited = colonIntroduction }
        if inherited == nil { inherited = paragraph.inherited(short: short) }
        if inherited == nil, let mention = text.nextSentenceSpeaker(after: quoteToken) {
            let resolution = context.resolve(mention)
            if !resolution.isEmpty { inherited = resolution }
        }
        if let inherited {
            attributions[quoteIndex].attribute(to: inherited, .context)
            if !short { paragraph.latestSpeaker = inherited }
            return
        }
        // With nobody to inherit from, a source the sentence is about: "Critics have long mocked …".
        // A short title-case quote needs the source to say it ("supporters sing “Northern Lights”" is a song).
        if !classifier.isNamingOrTitle(quoteIndex), let subject = subjects[sentenceIndex], case .group = subject,
           subjectEnds[sentenceIndex] <= quoteToken,
           !short || text.quoteEndsSentence[quoteIndex] || !(text.quoteRanges[quoteIndex].map(classifier.isTitleCase) ?? false)
            || (subjectEnds[sentenceIndex]..<quoteToken).contains(where: text.isSpeechVerb) {
            attributions[quoteIndex].attribute(to: context.resolve(subject), .sentence)
        }
    }

    /// The speaker mention in the quote's own sentence, and whether it came from the narration
    /// before the quote (rather than an attribution after it).
    private func mentionInSentence(ofQuote quoteIndex: Int, at quoteToken: Int, sentence sentenceIndex: Int) -> (Mention, viaNarration: Bool)? {
        let sentenceStart = text.sentences[sentenceIndex].lowerBound
        let subject = subjects[sentenceIndex]
        // An introduction right before the quote ("X said: “…”", "…,” X said, “…”",
        // "According to X, “…”") outranks whatever follows the quote.
        let introduced = text.introduced(quoteToken, sentenceStart: sentenceStart)
        if introduced, let mention = text.beforeAttribution(quoteToken, sentenceStart: sentenceStart, sentenceSubject: subject) {
            return (mention, true)
        }
        let strict = text.quoteEndsSentence[quoteIndex] && quoteToken + 1 < text.tokens.count && text.tokens[quoteToken + 1].isCap
        if let mention = text.afterAttribution(quoteToken, strict: strict) {
            // "When Mr. Whitfield said the majority had “caved,” she shot back, “…”": the attribution
            // after the quote introduces the next one; this quote belongs to the narration before it.
            if !introduced, quoteToken > sentenceStart, text.introducesNextQuote(after: quoteToken),
               let earlier = text.beforeAttribution(quoteToken, sentenceStart: sentenceStart, sentenceSubject: subject) {
                return (earlier, true)
            }
            return (mention, false)
        }
        // (After an introduction, `beforeAttribution` has already found nothing.)
        if !introduced, let mention = text.beforeAttribution(quoteToken, sentenceStart: sentenceStart, sentenceSubject: subject) {
            return (mention, true)
        }
        return nil
    }

    /// Who speaks an interview transcript that follows the paragraph starting at `introStart`: the
    /// answers are the person the article was last about ("Falkenrath spoke with …"), else the one
    /// it names most; the questions are another person the introduction names in full ("… with
    /// the festival’s artistic director, Paolo Venturini"), else nobody named ("She spoke to
    /// Meridian News").
    private mutating func interviewSpeakers(introducedFrom introStart: Int, to end: Int) -> (question: Mention.Resolution?, answer: Mention.Resolution?) {
        let answer = context.lastPerson ?? context.mostNamedPerson()
        var question: String?
        var k = introStart
        while k < end {
            guard text.tokens[k].isCapWord else { k += 1; continue }
            let e = min(text.capRunForward(k), end)
            if case .person(let name, _, _)? = text.analyzeRun(k, e), let full = context.resolve(.person(name, nil)).speaker,
               ScalarText.containsSpace(full), full != answer {
                question = full
            }
            k = max(e, k + 1)
        }
        return (question.map { Mention.Resolution(speaker: $0, source: nil) }, answer.map { Mention.Resolution(speaker: $0, source: nil) })
    }

    /// For a quote that no attribution names: the speaker of a reporting verb elsewhere in its
    /// sentence, else the sentence's subject when it comes before the quote and is a person (a
    /// source subject counts only when nobody can be inherited: "Instead, banks must show ‘real’
    /// restraint" is still the paragraph's speaker talking).
    /// `reported`: whether a reporting verb gave it.
    private func speakerInReach(ofQuote quoteToken: Int, sentence sentenceIndex: Int) -> (Mention, reported: Bool)? {
        if let mention = text.indirectSpeaker(inSentence: sentenceIndex, sentenceSubject: subjects[sentenceIndex]) { return (mention, true) }
        guard let subject = subjects[sentenceIndex], subjectEnds[sentenceIndex] <= quoteToken, case .person = subject else { return nil }
        return (subject, false)
    }

    // MARK: - Second pass, per paragraph

    /// Second pass: a long quote before the paragraph's first attributed quote takes its speaker;
    /// a paragraph that only continues a quote takes the previous paragraph's speaker.
    private mutating func inheritWithinParagraph(_ paragraph: ParagraphState, previousParagraphSpeaker: Mention.Resolution?) {
        var nextSpeaker: Mention.Resolution?
        for quoteIndex in paragraph.quotes.reversed() {
            if attributions[quoteIndex].resolution != nil { nextSpeaker = attributions[quoteIndex].resolution; continue }
            if attributions[quoteIndex].blocked { continue }
            guard !classifier.isShort(quoteIndex) else { continue }
            if let nextSpeaker {
                attributions[quoteIndex].attribute(to: nextSpeaker, .context)
            } else if text.tokenOfQuote[quoteIndex] == paragraph.startToken, let previousParagraphSpeaker {
                attributions[quoteIndex].attribute(to: previousParagraphSpeaker, .context)
            }
        }
    }

    // MARK: - Output

    private func quotes() -> [Quote] {
        var out: [Quote] = []
        for (quoteIndex, range) in text.quoteRanges.enumerated() {
            guard let range else { continue }
            let attribution = attributions[quoteIndex]
            let kind = classifier.kind(quoteIndex, attributed: attribution.resolution != nil && attribution.evidence != .none)
            let quoteText = text.string(range)
            if kind == .speech {
                out.append(Quote(text: quoteText, speaker: attribution.resolution?.speaker, source: attribution.resolution?.source,
                                 start: range.lowerBound, end: range.upperBound, kind: kind))
            } else {
                out.append(Quote(text: quoteText, start: range.lowerBound, end: range.upperBound, kind: kind))
            }
        }
        return out
    }
}
