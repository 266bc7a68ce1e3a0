/// A direct quotation found in an article's plain text, with who said it.
///
/// Offsets count Unicode scalars (code points) of the plain text the quote was found in, so
/// `start..<end` covers exactly the quoted words without their marks (DESIGN §3, `extract --json`).
public struct Quote: Sendable, Hashable, Codable {
    /// What kind of quoted text this is. Only `.speech` is reported by `extract` and matched.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Words someone said or wrote.
        case speech
        /// Scare quotes or a term set off in quotes (so-called "peace dividend").
        case scare
        /// The title of a book, film, series, report or similar work.
        case title
    }

    /// The quoted words, without the quote marks.
    public var text: String
    /// The speaker's full name as the article gives it; nil for unnamed sources and institutions.
    public var speaker: String?
    /// The description of an unnamed source or an institution ("a NATO diplomat", "the court").
    public var source: String?
    /// Offset of the first quoted character, in Unicode scalars.
    public var start: Int
    /// Offset just past the last quoted character, in Unicode scalars.
    public var end: Int
    public var kind: Kind

    public init(text: String, speaker: String? = nil, source: String? = nil, start: Int, end: Int, kind: Kind = .speech) {
        self.text = text
        self.speaker = speaker
        self.source = source
        self.start = start
        self.end = end
        self.kind = kind
    }
}
