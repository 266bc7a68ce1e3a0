import QuoteCore
import Testing

struct PluralTests {
    @Test(arguments: [(0, "feed", nil, "0 feeds"), (1, "feed", nil, "1 feed"), (2, "item", nil, "2 items"),
                      (1, "entry", "entries", "1 entry"), (3, "entry", "entries", "3 entries")] as [(Int, String, String?, String)])
    func countsAndNouns(_ count: Int, _ noun: String, _ plural: String?, _ expected: String) {
        #expect(Plural.of(count, noun, plural: plural) == expected)
    }
}
