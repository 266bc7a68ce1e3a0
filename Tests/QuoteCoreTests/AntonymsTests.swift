@testable import QuoteCore
import Testing

@Suite struct AntonymsTests {
    @Test(arguments: [
        ("unrealistic", "realist"), ("unfair", "fair"), ("unacceptable", "accept"), ("dishonest", "honest"), ("disagree", "agre"),
        ("non-binding", "bind"), ("nonbinding", "bind"), ("impossible", "possibl"), ("immoral", "moral"), ("irregular", "regular"),
        ("illegal", "legal"), ("independent", "depend"), ("inadequate", "adequ"), ("insecure", "secur"), ("invalid", "valid"),
        ("injustice", "justic"),
    ])
    func negatedByItsPrefix(word: String, base: String) {
        #expect(Antonyms.base(of: word) == base)
    }

    /// Words that merely begin like a negation: in-/im- words without an adjective's ending, short
    /// rests, and the exceptions (a word that fits the rules and still negates nothing).
    @Test(arguments: ["income", "inside", "inform", "increase", "improve", "impress", "unit", "under", "unless", "discover", "display",
                      "inmate", "insure", "nonsense", "dismiss", "disease", "union", "until", "intense", "realistic", "important"])
    func notNegations(word: String) {
        #expect(Antonyms.base(of: word) == nil)
    }

    /// Every exception is one the rules alone would take: the list holds nothing that needs no listing.
    @Test func everyExceptionIsNeeded() {
        for word in Antonyms.exceptions.sorted() {
            #expect(Antonyms.prefixedBase(of: word) != nil, "\(word) needs no exception")
        }
    }
}
