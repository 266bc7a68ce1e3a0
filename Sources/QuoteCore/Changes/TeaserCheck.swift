/// Tells when a new version of an item is only a teaser of what was read before, so that it changes
/// nothing (DESIGN §5): a feed that drops its full text (`content:encoded`, Atom `content`) for its
/// summary, or a text cut to a piece of the earlier one that says it was cut (a closing "…",
/// "Read more", "Continue reading"). Such a version holds every tracked state as it was: no
/// `quote.removed` now and no `quote.new` when the full text returns.
///
/// A text that is merely shorter, even a piece of the earlier one, is an edit (a paragraph cut by
/// the editor) and is read as usual: its missing quotes are removed.
public enum TeaserCheck {
    /// Whether `text` (from `source`) is a teaser of `earlier` (from `earlierSource`).
    public static func isTeaser(_ text: String, source: TextSource, of earlier: String, earlierSource: TextSource) -> Bool {
        if source == .summary && earlierSource == .content { return true }
        var words = TextNormalizer.normalizedString(text).split(separator: " ")
        let before = TextNormalizer.normalizedString(earlier).split(separator: " ")
        guard !before.isEmpty else { return false }
        guard !words.isEmpty else { return true }
        guard dropTeaserMark(&words, text: text), words.count < before.count else { return false }
        return contains(before, words)
    }

    /// Removes a closing "…", "Read more" or "Continue reading" (and the word an ellipsis may have
    /// cut); whether there was one.
    private static func dropTeaserMark(_ words: inout [Substring], text: String) -> Bool {
        var marked = false
        for phrase in trailingPhrases where words.count > phrase.count && words.suffix(phrase.count).elementsEqual(phrase) {
            words.removeLast(phrase.count)
            marked = true
            break
        }
        let end = text.unicodeScalars.reversed().drop { $0.properties.isWhitespace || $0 == "]" || $0 == ")" }
        if end.first == "…" || Array(end.prefix(3)) == [".", ".", "."] {
            if words.count > 1 { words.removeLast() }
            marked = true
        }
        return marked
    }

    static let trailingPhrases: [[Substring]] = [
        ["continue", "reading"], ["read", "more"], ["read", "the", "full", "story"], ["read", "the", "full", "article"],
    ]

    /// Whether `part` stands in `whole` as one run of words.
    private static func contains(_ whole: [Substring], _ part: [Substring]) -> Bool {
        guard part.count <= whole.count else { return false }
        for start in 0...(whole.count - part.count) where whole[start] == part[0] {
            if whole[start..<start + part.count].elementsEqual(part) { return true }
        }
        return false
    }
}
