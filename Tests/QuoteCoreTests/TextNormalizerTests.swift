@testable import QuoteCore
import Testing

/// `normalizedString` makes only the words' texts; it must say what the full tokens say.
struct TextNormalizerTests {
    @Test(arguments: [
        "Unemployment fell to 5 per cent, and 3.5 percent in May.", "We won't, can't and cannot stop.",
        "It's 1,000 people — “not” $1.2bn — 20 pct or 7%.", "Le café n’était pas “prêt”… 12 per", "per cent 5 percent",
        "", "   ", "Students’ views, the U.S. and e.g. ‘naïve’ words: Ⅻ, ½, ۳۴ percent",
    ])
    func normalizedStringIsTheTokensTexts(_ text: String) {
        #expect(TextNormalizer.normalizedString(text) == TextNormalizer.tokens(text).map(\.text).joined(separator: " "))
    }
}
