/// Finds the quotations in a plain-text news article and says who said each one.
///
/// Rules in brief (details on the helpers: the attribution pass in `ArticleAnalysis`, the look-arounds
/// in `ArticleText+SentenceAttribution`, names and noun phrases in `ArticleText+Mentions`, pronouns and
/// full names in `DiscourseContext`, kinds in `QuoteClassifier`):
/// - Quote marks “ ” „ " ‘ ’ ‚ ' « » ‹ › are paired per paragraph; nested quotes belong to the outer
///   one; apostrophes (Europe's, ’90s, rock ’n’ roll, students’ views) never open or close a quote.
/// - `Quote.text` is the slice `start..<end` of the input (Unicode scalar offsets) between the marks,
///   trimmed of whitespace, with ONE trailing comma removed ("We will win," he said → `We will win`);
///   terminal ".", "?", "!", "…" are kept ("unrealistic." → `unrealistic.`), as are ";" and ":". This is
///   the convention of the benchmark corpus's ground truth. A quote running over paragraphs is one quote whose text is
///   the slice, so it contains the paragraph break and the repeated opening mark.
/// - An introduction right before the quote ("X said: “…”", "According to X, “…”", the second half of
///   "“…,” X said, “…”") outranks anything after it. After a quote that ends its sentence (. ? !) a
///   following "X said" is its attribution only when it is bare ("“…?” X asked on Monday."), not when
///   the verb goes on to an object clause ("Critics say the plan…", "The firm said it had…"), is
///   negated ("did not respond"), or introduces the next quote.
/// - The speaker comes from the sentence ("…,” X said / said X / X said: “…” / X dismissed it as
///   ‘…’ / according to X), else from the paragraph (an earlier quote or reported-speech sentence),
///   a colon introduction ending the previous paragraph, or the previous paragraph's speaker for a
///   paragraph that only continues a quote. Names resolve to the fullest form the article uses;
///   pronouns to the last person named as a subject; unnamed sources and institutions give
///   `speaker == nil` and a `source` description. Names keep lowercase particles ("van der Berg",
///   "bin Salman"), "al-"/"el-" prefixes and suffixes ("King Jr."); a role with a name in apposition
///   ("the opposition leader, Keir Starmer, said") gives the name; a "he"/"she" whose gender rules out
///   the people named stays unattributed rather than going to the paragraph's speaker.
/// - Quotes introduced by "so-called", "dubbed", "the term" … are `.scare`; capitalized quotes after
///   "book", "film", "titled" … are `.title`; a short quote (three words or fewer) with no speaker
///   in its sentence or paragraph is `.scare`, unless it is a sentence of its own (“Smoking kills.”).
///   Naming an object ("locals call the hall “the barn”", "fans dubbed him “the Wall”") is `.scare`.
///
/// Linear in the length of the text: every look-around is bounded by a small window.
public struct QuoteExtractor: Sendable {
    public init() {}

    /// All quoted spans of a plain-text article, in order, with speakers. `text` is plain text whose
    /// paragraphs are separated by one or more "\n" (every line break is a paragraph boundary).
    /// Returns every quote including `.scare`/`.title` kinds; callers filter to `.speech`.
    public func quotes(in text: String) -> [Quote] {
        let s = ScalarText.scalars(of: text)
        guard !s.isEmpty else { return [] }
        var paragraphs: [Range<Int>] = []
        var a = 0
        for (i, c) in s.enumerated() where c == "\n" || c == "\r" {
            paragraphs.append(a..<i)
            a = i + 1
        }
        paragraphs.append(a..<s.count)
        let spans = QuoteMarkScanner(s: s).scan(paragraphs: paragraphs)
        guard !spans.isEmpty else { return [] }
        let tokens = Tokenizer.tokenize(s, quotes: spans)
        var analysis = ArticleAnalysis(scalars: s, tokens: tokens, spans: spans)
        return analysis.run()
    }
}
