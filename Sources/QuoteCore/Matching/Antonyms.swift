/// Words that negate another by a prefix: un-, non-, dis-, and in- with its forms im- (before m, p,
/// b), ir- (before r) and il- (before l). "The target is realistic" says the opposite of "the target
/// is unrealistic", as "is not realistic" would: ``StatementMatcher`` counts such a pair as a
/// negation.
///
/// A prefix negates only where the rest is a word of four letters or more. For in-/im-/ir-/il-,
/// where most words merely begin so (income, inside, impress, improve), the rest must also end the
/// way adjectives and abstract nouns do (-able, -ible, -ent, -ant, -al, -ive, -ate, -ure, -ity …:
/// impossible, independent, irregular, illegal, insecure, injustice); a short list holds the common
/// words that fit these rules without being negations (unless, display, discover, insure, nonsense).
/// The pair still needs both words, one on each side of a match, so a word wrongly taken for a
/// negation costs only where its look-alike stands opposite it.
public enum Antonyms {
    /// The stem of the word `word` negates by its prefix, or nil.
    public static func base(of word: String) -> String? {
        guard let base = prefixedBase(of: word), !exceptions.contains(word) else { return nil }
        return base
    }

    /// ``base(of:)`` by the rules alone, before the exceptions.
    static func prefixedBase(of word: String) -> String? {
        // Asked of every token: most leave before the bytes are copied into an array.
        guard word.utf8.count >= 6, let first = word.utf8.first, first == UInt8(ascii: "u") || first == UInt8(ascii: "n")
            || first == UInt8(ascii: "d") || first == UInt8(ascii: "i")
        else { return nil }
        let bytes = Array(word.utf8)
        guard bytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "-") }) else { return nil }
        var rest: ArraySlice<UInt8>
        var restricted = false
        if word.hasPrefix("non") {
            rest = bytes.dropFirst(3)
        } else if word.hasPrefix("un") || word.hasPrefix("dis") {
            rest = bytes.dropFirst(word.hasPrefix("un") ? 2 : 3)
        } else if word.hasPrefix("in") || word.hasPrefix("im") || word.hasPrefix("ir") || word.hasPrefix("il") {
            rest = bytes.dropFirst(2)
            restricted = true
            // The prefix takes the form of the sound after it: im- before m, p, b; ir- before r; il- before l.
            guard let next = rest.first else { return nil }
            switch bytes[1] {
            case UInt8(ascii: "m"): guard next == UInt8(ascii: "m") || next == UInt8(ascii: "p") || next == UInt8(ascii: "b") else { return nil }
            case UInt8(ascii: "r"): guard next == UInt8(ascii: "r") else { return nil }
            case UInt8(ascii: "l"): guard next == UInt8(ascii: "l") else { return nil }
            default: guard next != UInt8(ascii: "m") && next != UInt8(ascii: "p") && next != UInt8(ascii: "b") else { return nil }
            }
        } else {
            return nil
        }
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard rest.count >= 4, rest.allSatisfy({ $0 != UInt8(ascii: "-") }) else { return nil }
        let base = String(decoding: rest, as: UTF8.self)
        if restricted, !adjectiveEndings.contains(where: { base.hasSuffix($0) }) { return nil }
        return TextNormalizer.stem(base)
    }

    /// How the words an in-/im-/ir-/il- prefix negates end.
    static let adjectiveEndings = [
        "able", "ible", "ent", "ant", "ate", "ete", "ite", "ive", "al", "ic", "ar", "ure", "ity", "ion", "ous", "ful",
        "ence", "ance", "ness", "cy", "ect", "id", "ice", "ile", "ine", "ane",
    ]

    /// Words that look negated by a prefix but are not the opposite of what remains.
    static let exceptions: Set<String> = [
        "unless", "universal", "university", "unison", "display", "displays", "displayed", "discover", "discovers",
        "discovered", "discovery", "discount", "discounts", "discounted", "dispatch", "dispatched", "dismiss",
        "dismissed", "dismissal", "distribute", "distributed", "distribution", "discharge", "discharged", "disappoint",
        "disappointed", "disappointing", "disease", "diseases", "dissent", "distill", "dispose", "disposal", "discuss",
        "discussed", "discussion", "district", "distance", "distinct", "disguise", "dispense", "disturb", "dispute",
        "disputed", "disposition", "discourse", "disport", "distract", "distraction", "distress", "insure", "insurance",
        "intent", "intention", "invent", "invention", "indent", "invocation", "inflation", "infection", "inspection",
        "instance", "internal", "intimate", "incision", "infant", "instant", "innate", "inception", "invective",
        "incentive", "inventive", "implant", "imparity", "imposition", "impression", "impressive", "immediate",
        "important", "importance", "illustrate", "illusion", "irritate", "nonsense",
    ]
}
