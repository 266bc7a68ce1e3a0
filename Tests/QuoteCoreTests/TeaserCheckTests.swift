import QuoteCore
import Testing

@Suite struct TeaserCheckTests {
    static let full = """
        President Donald Trump spoke to reporters at the White House on Tuesday about the alliance.
        “NATO countries should spend 5% of GDP on defence,” Trump said.
        British Defence Secretary John Healey answered in Brussels: “Secretary Hegseth, we hear you.”
        Allies have until June to present their plans, officials said.
        """

    @Test(arguments: [
        // The feed dropped its full text for its summary: a teaser whatever the summary says.
        ("Trump and Healey on NATO spending.", TextSource.summary, TextSource.content, true),
        // The first paragraph of the same text, in the same field: an editor's cut, not a teaser.
        ("President Donald Trump spoke to reporters at the White House on Tuesday about the alliance.", .content, .content, false),
        // The same, marked as cut.
        ("President Donald Trump spoke to reporters at the White House on Tuesday about the alliance. Continue reading", .content, .content, true),
        ("President Donald Trump spoke to reporters at the White House on Tuesday about the alliance [...]", .summary, .summary, true),
        // Cut with an ellipsis or "Read more".
        ("President Donald Trump spoke to reporters at the White House on Tuesday about the alliance. “NATO countries should spend 5% of GDP on defence,” Trump said. British Defence Secretary John Healey answered in Brus…", .content, .content, true),
        ("President Donald Trump spoke to reporters at the White House on Tuesday about the alliance. “NATO countries should spend 5% of GDP on defence,” Trump said. British Defence Secretary John Healey answered in Brussels: “Secretary Hegseth, we hear you.” Read more", .page, .page, true),
        // The last paragraph cut by an editor: an edit, read as usual.
        ("President Donald Trump spoke to reporters at the White House on Tuesday about the alliance. “NATO countries should spend 5% of GDP on defence,” Trump said. British Defence Secretary John Healey answered in Brussels: “Secretary Hegseth, we hear you.”", .content, .content, false),
        // Short, but with words of its own: a new text, not a teaser.
        ("President Donald Trump spoke to reporters on Wednesday.", .content, .content, false),
        // Longer than before.
        (full + "\nMore news.", .content, .content, false),
        // A summary first, the full text later: read as usual.
        (full, .content, .summary, false),
    ] as [(String, TextSource, TextSource, Bool)])
    func teasers(text: String, source: TextSource, earlierSource: TextSource, expected: Bool) {
        #expect(TeaserCheck.isTeaser(text, source: source, of: Self.full, earlierSource: earlierSource) == expected)
    }

    @Test func anEmptyTextIsATeaserOfAnyText() {
        #expect(TeaserCheck.isTeaser("", source: .content, of: Self.full, earlierSource: .content))
        #expect(!TeaserCheck.isTeaser("", source: .content, of: "", earlierSource: .content))
    }
}
