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
}
