import QuoteCore
import Testing

@Suite struct StatementMatcherTests {
    static let statements = [
        Statement(id: "borders", speaker: "Pete Hegseth", aliases: ["Hegseth", "Secretary Hegseth"],
                  text: "Returning to Ukraine's pre-2014 borders is unrealistic"),
        Statement(id: "membership", speaker: "Pete Hegseth", aliases: ["Hegseth"], text: "NATO membership for Ukraine is not realistic"),
        Statement(id: "stronger", speaker: "Pete Hegseth", aliases: ["Hegseth"], text: "NATO must be stronger, not a club of diplomats"),
        Statement(id: "hear", speaker: "John Healey", aliases: ["Healey"], text: "Secretary Hegseth, we hear you", threshold: 0.75),
        Statement(id: "gdp", text: "NATO countries should spend 5% of GDP on defence"),
    ]
    let matcher = StatementMatcher(statements: statements)

    @Test func exactTier() {
        let match = matcher.bestMatch(for: MatchInput(text: "Secretary Hegseth, we hear you", speaker: "John Healey"))
        #expect(match?.statementID == "hear")
        #expect(match?.tier == .exact)
        #expect(match?.score == 1)
    }

    @Test func normalizedTierFoldsCaseMarksAndPunctuation() {
        let match = matcher.bestMatch(for: MatchInput(text: "secretary hegseth -- we hear you!", speaker: "John Healey"))
        #expect(match?.statementID == "hear")
        #expect(match?.tier == .normalized)
    }

    @Test func partialQuoteMatchesThroughItsSentence() {
        let sentence = "Hegseth dismissed the idea of Ukraine reverting to its pre-2014 borders, including Crimea, as ‘unrealistic.’"
        let match = matcher.bestMatch(for: MatchInput(text: "unrealistic", speaker: "Pete Hegseth", context: sentence))
        #expect(match?.statementID == "borders")
        #expect(match?.tier == .fuzzy)
        #expect((match?.score ?? 0) >= 0.6)
    }

    @Test func partialQuoteWithoutItsSubjectDoesNotMatch() {
        let sentence = "The plan to build a bridge by June was described as ‘unrealistic’."
        #expect(matcher.bestMatch(for: MatchInput(text: "unrealistic", speaker: "Pete Hegseth", context: sentence)) == nil)
    }

    @Test func elidedQuoteMatchesNormalized() {
        let match = matcher.bestMatch(for: MatchInput(text: "NATO must be stronger (…) not a club of diplomats", speaker: "Pete Hegseth"))
        #expect(match?.statementID == "stronger")
        #expect(match?.tier == .normalized)
    }

    @Test func rewordedQuoteMatchesFuzzily() {
        let match = matcher.bestMatch(for: MatchInput(text: "the alliance must be stronger and not a club of diplomats", speaker: "Pete Hegseth"))
        #expect(match?.statementID == "stronger")
        #expect(match?.tier == .fuzzy)
    }

    @Test func longerQuoteContainingTheStatementMatches() {
        let text = "I said it before and I say it again: NATO must be stronger, not a club of diplomats, and we expect Europe to lead"
        #expect(matcher.bestMatch(for: MatchInput(text: text, speaker: "Pete Hegseth"))?.statementID == "stronger")
    }

    @Test func speakerMustBeTheStatementsSpeakerOrAlias() {
        let input = MatchInput(text: "NATO must be stronger, not a club of diplomats", speaker: "Mark Rutte")
        #expect(matcher.bestMatch(for: input) == nil)
        #expect(matcher.candidates(for: input).first?.speakerMatches == false)
        #expect(matcher.bestMatch(for: MatchInput(text: input.text, speaker: "Hegseth"))?.statementID == "stronger")
        #expect(matcher.bestMatch(for: MatchInput(text: input.text, speaker: "U.S. Defense Secretary Pete Hegseth"))?.statementID == "stronger")
    }

    @Test func unattributedQuoteMatchesOnlyWhereTheItemNamesTheSpeaker() {
        let text = "NATO must be stronger, not a club of diplomats"
        #expect(matcher.bestMatch(for: MatchInput(text: text, speaker: nil)) == nil)
        let named = StatementMatcher.itemWords("Pete Hegseth spoke in Brussels on Wednesday.")
        #expect(matcher.bestMatch(for: MatchInput(text: text, speaker: nil, itemWords: named))?.statementID == "stronger")
        let other = StatementMatcher.itemWords("Mark Rutte spoke in Brussels on Wednesday.")
        #expect(matcher.bestMatch(for: MatchInput(text: text, speaker: nil, itemWords: other)) == nil)
    }

    @Test(arguments: [
        "NATO membership for Ukraine is realistic",
        "NATO must not be stronger, not a club of diplomats",
    ])
    func negatedVersionIsNoMatch(text: String) {
        #expect(matcher.bestMatch(for: MatchInput(text: text, speaker: "Pete Hegseth")) == nil)
    }

    /// A word against its prefixed antonym is a negation: no match; with a negation as well, the two
    /// cancel ("is not realistic" says "is unrealistic").
    @Test(arguments: [
        ("The government's growth target is realistic, if the rates stay low", nil),
        ("The government's growth target is realistic", nil),
        ("The government's growth target is not realistic", "growth"),
        ("The government's growth target is unrealistic", "growth"),
        ("The plan for the bridge is legal", nil),
        ("The plan for the bridge is not legal", "legal"),
        ("The plan for the bridge is illegal", "legal"),
        ("Our nurses will stay on strike until safe staffing levels are restored", "strike"),
        ("The nurses are striking until the government has restored safe staffing levels", "strike"),
    ] as [(String, String?)])
    func antonymsAndParaphrases(text: String, statement: String?) {
        let matcher = StatementMatcher(statements: [
            Statement(id: "growth", text: "The government's growth target is unrealistic."),
            Statement(id: "legal", text: "The plan for the bridge is not legal"),
            Statement(id: "strike", text: "Nurses will strike until the government restores safe staffing levels"),
        ])
        let match = matcher.bestMatch(for: MatchInput(text: text))
        #expect(match?.statementID == statement, "\(match.map { "\($0.statementID) \($0.score)" } ?? "no match")")
    }

    /// Among the statements an item quoted before, a reversed quote is still found, marked reversed,
    /// so that it is tracked as an edit rather than lost as a removal.
    @Test func aReversedQuoteIsACandidateAmongThoseQuotedBefore() {
        let matcher = StatementMatcher(statements: [Statement(id: "taxes", speaker: "Clara Lind", text: "There will be no new taxes this year")])
        let input = MatchInput(text: "There will be new taxes this year", speaker: "Clara Lind")
        #expect(matcher.bestMatch(for: input) == nil)
        let tracked = matcher.candidates(for: input, among: ["taxes"]).first
        #expect(tracked?.statementID == "taxes")
        #expect(tracked?.reversed == true)
        #expect(matcher.candidates(for: MatchInput(text: "There will be no new taxes this year", speaker: "Tom Bell"), among: ["taxes"]).first?.reversed == false)
    }

    @Test func fivePercentAndFivePerCentAreTheSameWords() {
        for text in ["NATO countries should spend 5 per cent of GDP on defence", "NATO countries should spend 5 percent of GDP on defence"] {
            let match = matcher.bestMatch(for: MatchInput(text: text, speaker: "Donald Trump"))
            #expect(match?.statementID == "gdp")
            #expect(match?.tier == .normalized, "\(text)")
        }
    }

    @Test func changedNumberStillMatchesTheSameStatement() {
        let match = matcher.bestMatch(for: MatchInput(text: "NATO countries should spend 3.5% of GDP on defence", speaker: "Donald Trump"))
        #expect(match?.statementID == "gdp")
        #expect((match?.score ?? 0) > 0.9)
    }

    @Test func unrelatedQuoteMatchesNothing() {
        #expect(matcher.bestMatch(for: MatchInput(text: "We will meet again in June to discuss the weather", speaker: "Pete Hegseth")) == nil)
        #expect(matcher.bestMatch(for: MatchInput(text: "", speaker: "Pete Hegseth")) == nil)
    }
}

@Suite struct QuoteContextTests {
    @Test func sentenceAroundAQuote() {
        let text = "First sentence. He called the plan ‘unrealistic.’ Then he said it was ‘not realistic,’ adding more.\nNext paragraph."
        let scalars = Array(text.unicodeScalars)
        func range(of quote: String) -> (Int, Int) {
            let needle = Array(quote.unicodeScalars)
            let start = (0...(scalars.count - needle.count)).first { Array(scalars[$0..<$0 + needle.count]) == needle }!
            return (start, start + needle.count)
        }
        let (a, b) = range(of: "unrealistic.")
        #expect(QuoteContext.sentence(in: text, start: a, end: b) == "He called the plan ‘unrealistic.’", "a quote ending its sentence ends the context")
        let (c, d) = range(of: "not realistic")
        #expect(QuoteContext.sentence(in: text, start: c, end: d) == "Then he said it was ‘not realistic,’ adding more.")
    }

    @Test func aQuoteHoldingAShorterStatementWholeGoesToTheStatementThatIsAllOfIt() {
        let matcher = StatementMatcher(statements: [
            Statement(id: "short", speaker: "Ana Ruiz", text: "The dam inspection is a reckless gamble!"),
            Statement(id: "long", speaker: "Ana Ruiz", text: "Honestly, the dam inspection is a reckless gamble and a waste of money."),
        ])
        let whole = matcher.candidates(for: MatchInput(
            text: "Honestly, the dam inspection is a reckless gamble and a waste of money.", speaker: "Ana Ruiz"))
        // Both score 1 (the quote holds the short statement whole); the exact one comes first.
        #expect(whole.map(\.statementID) == ["long", "short"])
        #expect(whole.map(\.score) == [1, 1])
        #expect(whole.first?.tier == .exact)
    }

    @Test func statementsOfOtherSpeakersAreNotEvenCandidatesWhenTheSpeakerMustMatch() {
        let matcher = StatementMatcher(statements: [
            Statement(id: "ruiz", speaker: "Ana Ruiz", text: "The bridge will open in June"),
            Statement(id: "anyone", text: "The bridge will open in June"),
        ])
        let input = MatchInput(text: "The bridge will open in June", speaker: "Tom Bell")
        #expect(matcher.bestMatch(for: input)?.statementID == "anyone")
        #expect(matcher.candidates(for: input).map(\.statementID).sorted() == ["anyone", "ruiz"])
        #expect(matcher.candidates(for: input).first { $0.statementID == "ruiz" }?.speakerMatches == false)
    }

    /// The prefix-filtered index must find every statement a quote reaches: the same answers as
    /// scoring the quote against each statement alone (a one-statement index holds all its words'
    /// order differently, so the two disagree if a prefix is cut too short).
    @Test func theIndexFindsWhatScoringEachStatementAloneFinds() {
        var rng = SplitMix(seed: 42)
        let words = ["bridge", "tax", "open", "june", "never", "budget", "will", "the", "a", "is", "not", "plan",
                     "rail", "cut", "5%", "3.5%", "nations", "defence", "spend", "gdp", "reckless", "gamble", "of", "on"]
        func sentence(_ count: Int) -> String { (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ") }
        var statements: [Statement] = []
        for index in 0..<300 {
            let threshold = [0.4, 0.6, 0.8, 1.0][index % 4]
            statements.append(Statement(id: "s\(index)", speaker: index % 3 == 0 ? nil : "Speaker \(index % 5)",
                                        text: sentence(4 + index % 9), threshold: threshold))
        }
        let whole = StatementMatcher(statements: statements)
        let alone = statements.map { StatementMatcher(statements: [$0]) }
        var compared = 0
        for index in 0..<200 {
            let base = statements[index % statements.count].text.split(separator: " ")
            var quote = Array(base.dropFirst(index % 3))
            if index % 4 == 0 { quote.append(Substring(words[index % words.count])) }
            let input = MatchInput(text: quote.joined(separator: " "), speaker: "Speaker \(index % 5)",
                                   context: index % 2 == 0 ? sentence(6) : "")
            let found = whole.candidates(for: input).map { "\($0.statementID) \($0.score) \($0.speakerMatches)" }.sorted()
            let expected = alone.flatMap { $0.candidates(for: input) }.map { "\($0.statementID) \($0.score) \($0.speakerMatches)" }.sorted()
            #expect(found == expected, "quote \(index): \(input.text)")
            compared += expected.count
        }
        #expect(compared > 200)
    }
}

/// A small deterministic generator for the index test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
