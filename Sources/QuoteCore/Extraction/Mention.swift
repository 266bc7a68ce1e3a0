// What a noun phrase near a quote names (`Mention`: "Mr. Hegseth", "she", "a NATO diplomat"), and
// who it turns out to be once the discourse context has resolved it (`Mention.Resolution`: the full
// name "Pete Hegseth", the person "she" stands for, or an unnamed source's description).

/// Who a noun phrase names, before resolution against the article's context.
enum Mention {
    /// A person's name with titles stripped, the gender a title gave ("Mrs.", "Mr.") if any, and
    /// whether a title or role stood before it ("Sen. Cruz", "lawyer Ann Ruiz"): evidence that a
    /// single word names a person.
    case person(String, NameRegistry.Gender?, titled: Bool = false)
    /// A subject pronoun, lowercased (one of `Lexicon.pronouns`).
    case pronoun(String)
    /// An institution or unnamed source ("the ministry", "a senior NATO diplomat"), as written.
    case group(String, plural: Bool)

    /// Who a mention resolved to: a named person (`speaker`) or an unnamed source or institution
    /// (`source`, its description); both nil when it resolved to no one.
    struct Resolution: Equatable {
        var speaker: String?
        var source: String?
        var isEmpty: Bool { speaker == nil && source == nil }
    }
}
