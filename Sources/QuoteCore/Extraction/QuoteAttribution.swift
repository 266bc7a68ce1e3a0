/// What the attribution pass has found for one quote: who said it, on what evidence, and whether it
/// must stay unattributed. `ArticleAnalysis` keeps one per quote, indexed like `ArticleText.spans`.
struct QuoteAttribution {
    /// Where the speaker came from.
    enum Evidence {
        /// No speaker (yet).
        case none
        /// Inherited: from the paragraph (an earlier or later quote, reported speech), a colon
        /// introduction ending the previous paragraph, the next sentence ("That was the verdict of
        /// X."), or the previous paragraph's speaker for a paragraph that continues a quote.
        case context
        /// Found in the quote's own sentence ("…,” X said", "X said: “…”", "according to X").
        case sentence
    }

    /// The speaker or source; nil while none is known.
    var resolution: Mention.Resolution?
    var evidence: Evidence = .none
    /// The quote's own sentence names a speaker that resolves to no one — a "he"/"she" whose gender
    /// rules out everyone named — so the quote inherits no speaker from its context either.
    var blocked = false

    /// Records a speaker and its evidence.
    mutating func attribute(to resolution: Mention.Resolution, _ evidence: Evidence) {
        self.resolution = resolution
        self.evidence = evidence
    }
}
