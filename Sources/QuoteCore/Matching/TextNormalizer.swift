import Foundation

/// Normalizes text for matching: case, quote marks, dashes, punctuation and whitespace folded away,
/// words split into tokens with light stemming, and numbers turned into typed values.
///
/// The normalized forms are used by ``StatementMatcher`` for its `normalized` tier and for word
/// overlap; they are never shown to users.
public enum TextNormalizer {
    /// Words that carry little meaning alone: they count less in overlap scores.
    static let stopwords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "and", "or", "but",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those",
        "we", "you", "he", "she", "they", "i", "our", "your", "his", "her", "their", "my", "us", "them",
        "will", "would", "should", "must", "can", "could", "may", "might", "shall", "do", "does", "did",
        "have", "has", "had", "there", "here", "so", "than", "then", "into", "about", "over", "also", "which",
        "who", "what", "all", "any", "some", "such", "very", "just", "more", "most",
    ]
    /// Words that negate what follows ("not", and "n't" expanded).
    static let negators: Set<String> = [
        "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without", "cannot",
    ]

    /// A lower-cased string with quote marks, dashes and punctuation folded and whitespace collapsed.
    public static func normalizedString(_ text: String) -> String {
        tokens(text).map(\.text).joined(separator: " ")
    }

    /// The word tokens of a text, in order.
    public static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var current = String.UnicodeScalarView()
        func isEdge(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case ".", "-", "'", "$", "\u{20AC}", "\u{00A3}": true
            default: false
            }
        }
        func flush() {
            defer { current = String.UnicodeScalarView() }
            var word = current
            // Trailing marks go, except a percent sign after a number ("5%").
            while let last = word.last, isEdge(last) || (last == "%" && word.count == 1) { word.removeLast() }
            while let first = word.first, first == "." || first == "-" || first == "'" { word.removeFirst() }
            guard !word.isEmpty else { return }
            var string = String(word)
            if string.hasSuffix("'s") { string.removeLast(2) } else if string.hasSuffix("s'") { string.removeLast() }
            if string.hasSuffix("n't") {
                let stem = String(string.dropLast(3))
                result.append(Token(text: stem == "ca" ? "can" : (stem == "wo" ? "will" : stem)))
                result.append(Token(text: "not"))
                return
            }
            if string == "cannot" {
                result.append(Token(text: "can"))
                result.append(Token(text: "not"))
                return
            }
            if string.first?.isNumber == true, string.contains(",") { string.removeAll { $0 == "," } }
            result.append(Token(text: string))
        }
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "'":
                current.append("'")
            case "\u{2010}", "\u{2011}", "-":
                current.append("-")
            case ",":
                // Kept inside numbers ("1,000"), a word break elsewhere.
                if let last = current.last, last.properties.numericType != nil { current.append(scalar) } else { flush() }
            case ".", "%", "$", "\u{20AC}", "\u{00A3}":
                // Kept inside numbers and abbreviations ("3.5", "u.s."), dropped at edges by flush.
                current.append(scalar)
            default:
                let value = scalar.value
                if value < 0x80 {
                    // ASCII fast path: letters and digits (the text is lower-cased already).
                    if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) {
                        current.append(scalar)
                    } else {
                        flush()
                    }
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current.append(scalar)
                } else {
                    flush()
                }
            }
        }
        flush()
        return result
    }

    /// One word of normalized text.
    public struct Token: Sendable, Hashable {
        public var text: String

        /// The form used for overlap: numbers become their kind (`#%`, `#`), plurals lose their `s`.
        public var key: String {
            if let value = NumericValue(token: text) { return value.kindKey }
            return TextNormalizer.stem(text)
        }

        public var isStopword: Bool { TextNormalizer.stopwords.contains(text) }
        public var isNegator: Bool { TextNormalizer.negators.contains(text) }
        /// The weight of the token in overlap scores.
        public var weight: Double { isStopword ? 0.25 : 1 }
    }

    /// A light stem: plural `s` and `es` removed from longer words.
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.last == "s", word.allSatisfy(\.isLetter) else { return word }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        return String(word.dropLast())
    }
}
