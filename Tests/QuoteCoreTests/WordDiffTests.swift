import QuoteCore
import Testing

@Suite struct WordDiffTests {
    @Test(arguments: [
        ("a b c", "a x c", "a [-b-] {+x+} c"),
        ("a b", "a b c", "a b {+c+}"),
        ("a b c", "b c", "[-a-] b c"),
        ("same words", "same words", "same words"),
    ])
    func diffs(old: String, new: String, expected: String) {
        #expect(WordDiff.render(from: old, to: new) == expected)
    }
}
