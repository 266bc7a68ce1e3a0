/// Whether two speakers of one quote are the same person, for `attribution.changed`.
///
/// Titles do not make another person ("Secretary Hegseth" is "Pete Hegseth"), a surname alone is
/// the full name that ends with it ("Hegseth"), and every name a statement lists for its speaker
/// (speaker and aliases) is that one person. An unnamed source is nobody in particular: named →
/// unnamed is a move, and so is unnamed → named.
public enum SpeakerIdentity {
    /// Whether `a` and `b` name the same person; `statement` lends its speaker's names.
    public static func same(_ a: String?, _ b: String?, statement: Statement? = nil) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        let left = personWords(a)
        let right = personWords(b)
        if left == right { return true }
        if !left.isEmpty, !right.isEmpty, isSuffix(left, of: right) || isSuffix(right, of: left) { return true }
        guard let statement else { return false }
        let names = ([statement.speaker].compactMap { $0 } + statement.aliases).map(personWords).filter { !$0.isEmpty }
        func isTheStatementsSpeaker(_ words: [String]) -> Bool {
            names.contains { $0 == words || isSuffix($0, of: words) || isSuffix(words, of: $0) }
        }
        return !names.isEmpty && isTheStatementsSpeaker(left) && isTheStatementsSpeaker(right)
    }

    /// A name's words, lower-cased and folded, without leading titles and single letters ("U.S.
    /// Defense Secretary Pete Hegseth" → ["pete", "hegseth"]).
    static func personWords(_ name: String) -> [String] {
        var words = StatementMatcher.nameWords(name)
        while words.count > 1, let first = words.first, Lexicon.titles.contains(first) || first.count == 1 {
            words.removeFirst()
        }
        return words
    }

    private static func isSuffix(_ short: [String], of long: [String]) -> Bool {
        short.count < long.count && Array(long.suffix(short.count)) == short
    }
}
