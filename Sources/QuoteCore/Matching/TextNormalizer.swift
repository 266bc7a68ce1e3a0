import Foundation

/// Normalizes text for matching: case, quote marks, dashes, punctuation and whitespace folded away,
/// words split into tokens keyed by their stem, and numbers turned into typed values.
///
/// The normalized forms are used by ``StatementMatcher`` for its `normalized` tier and for word
/// overlap; they are never shown to users.
public enum TextNormalizer {
    /// Words that carry little meaning alone: they count less in overlap scores. (The word lists
    /// are `WordSet`s: every token of every quote and statement asks them, without `Hasher`.)
    static let stopwords: WordSet = [
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "and", "or", "but",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those",
        "we", "you", "he", "she", "they", "i", "our", "your", "his", "her", "their", "my", "us", "them",
        "will", "would", "should", "must", "can", "could", "may", "might", "shall", "do", "does", "did",
        "have", "has", "had", "there", "here", "so", "than", "then", "into", "about", "over", "also", "which",
        "who", "what", "all", "any", "some", "such", "very", "just", "more", "most",
    ]
    /// Words that negate what follows ("not", and "n't" expanded).
    static let negators: WordSet = [
        "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without", "cannot",
    ]

    /// A lower-cased string with quote marks, dashes and punctuation folded and whitespace collapsed.
    /// Only the words' texts are made: no stems, values or antonyms, which it does not show.
    public static func normalizedString(_ text: String) -> String {
        var words: [String] = []
        forEachWord(of: text) { words.append($0) }
        mergePercentWords(&words)
        return words.joined(separator: " ")
    }

    /// The word tokens of a text, in order.
    ///
    /// One pass over the scalars, building each word as lower-cased UTF-8 bytes: the common ASCII
    /// letters and digits take no Unicode property lookups. With `mergingPercent`, a number followed
    /// by "percent", "per cent" or "pct" is one token with a percent sign ("5 per cent" → `5%`), so
    /// both spellings are the same words and the same value.
    public static func tokens(_ text: String, mergingPercent: Bool = true) -> [Token] {
        var result: [Token] = []
        forEachWord(of: text) { result.append(Token(text: $0)) }
        if mergingPercent { mergePercentWords(&result) }
        return result
    }

    /// `tokens(text)`, taking each word's token from `known` when one there has the word's very
    /// text (byte for byte: a token is a function of its text alone), instead of stemming it again.
    /// A quote's sentence holds the quote: its words are the quote's tokens once more.
    static func tokens(_ text: String, reusing known: [Token]) -> [Token] {
        guard !known.isEmpty else { return tokens(text) }
        var byText: [String: Int] = [:]
        byText.reserveCapacity(known.count)
        for (index, token) in known.enumerated() where byText[token.text] == nil { byText[token.text] = index }
        var result: [Token] = []
        forEachWord(of: text) { word in
            if let index = byText[word], known[index].text.utf8.elementsEqual(word.utf8) {
                result.append(known[index])
            } else {
                result.append(Token(text: word))
            }
        }
        mergePercentWords(&result)
        return result
    }

    /// The scan of `tokens(_:mergingPercent:)`: each word's text, in order, before percent words
    /// are merged.
    private static func forEachWord(of text: String, _ emit: (String) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func append(_ scalar: Unicode.Scalar) {
            word.append(contentsOf: UTF8.encode(scalar)!)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case 0x61...0x7A, 0x30...0x39, UInt8(ascii: "'"), UInt8(ascii: "-"),
                     UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: "$"):
                    // Letters, digits; apostrophes and hyphens inside words; "." "%" "$" kept inside
                    // numbers and abbreviations ("3.5", "u.s.") and dropped at edges by flush.
                    word.append(byte)
                case 0x41...0x5A:
                    word.append(byte + 0x20)
                case UInt8(ascii: ","):
                    // Kept inside numbers ("1,000"), a word break elsewhere.
                    if let last = word.last, last >= 0x30 && last <= 0x39 { word.append(byte) } else { flush(&word, emit) }
                default:
                    flush(&word, emit)
                }
            } else {
                switch value {
                case 0x2019, 0x2018, 0x02BC:
                    word.append(UInt8(ascii: "'"))
                case 0x2010, 0x2011:
                    word.append(UInt8(ascii: "-"))
                case 0x20AC, 0x00A3:
                    append(scalar)
                default:
                    if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                        for lower in scalar.properties.lowercaseMapping.unicodeScalars { append(lower) }
                    } else {
                        flush(&word, emit)
                    }
                }
            }
        }
        flush(&word, emit)
    }

    static let percentWords: WordSet = ["percent", "per-cent", "pct"]

    /// Folds "N percent", "N per cent" and "N pct" into one `N%` token.
    private static func mergePercentWords(_ tokens: inout [Token]) {
        guard tokens.count > 1 else { return }
        var index = 0
        var merged: [Token]?
        while index < tokens.count {
            let token = tokens[index]
            var taken = 0
            if index + 1 < tokens.count, token.isNumber, !token.text.hasSuffix("%") {
                let next = tokens[index + 1].text
                if percentWords.contains(next) {
                    taken = 1
                } else if next == "per", index + 2 < tokens.count, tokens[index + 2].text == "cent" {
                    taken = 2
                }
            }
            if taken > 0 {
                if merged == nil { merged = Array(tokens[..<index]) }
                merged?.append(Token(text: token.text + "%"))
            } else {
                merged?.append(token)
            }
            index += 1 + taken
        }
        if let merged { tokens = merged }
    }

    /// `mergePercentWords` on the words' texts alone (a number is what `NumericValue` reads as one,
    /// as `Token.isNumber` says).
    private static func mergePercentWords(_ words: inout [String]) {
        guard words.count > 1 else { return }
        var index = 0
        var merged: [String]?
        while index < words.count {
            let word = words[index]
            var taken = 0
            if index + 1 < words.count, NumericValue(token: word) != nil, !word.hasSuffix("%") {
                let next = words[index + 1]
                if percentWords.contains(next) {
                    taken = 1
                } else if next == "per", index + 2 < words.count, words[index + 2] == "cent" {
                    taken = 2
                }
            }
            if taken > 0 {
                if merged == nil { merged = Array(words[..<index]) }
                merged?.append(word + "%")
            } else {
                merged?.append(word)
            }
            index += 1 + taken
        }
        if let merged { words = merged }
    }

    /// Ends the word in `bytes`: edge marks trimmed, possessives dropped, "n't" and "cannot"
    /// expanded, thousands separators removed from numbers.
    private static func flush(_ bytes: inout [UInt8], _ emit: (String) -> Void) {
        defer { bytes.removeAll(keepingCapacity: true) }
        var end = bytes.count
        // Trailing marks go, except a percent sign after a number ("5%").
        while end > 0 {
            let last = bytes[end - 1]
            if last == UInt8(ascii: ".") || last == UInt8(ascii: "-") || last == UInt8(ascii: "'") || last == UInt8(ascii: "$") {
                end -= 1
            } else if last == UInt8(ascii: "%") && end == 1 {
                end -= 1
            } else if end >= 3 && bytes[end - 3] == 0xE2 && bytes[end - 2] == 0x82 && last == 0xAC {
                end -= 3 // €
            } else if end >= 2 && bytes[end - 2] == 0xC2 && last == 0xA3 {
                end -= 2 // £
            } else {
                break
            }
        }
        var start = 0
        while start < end, bytes[start] == UInt8(ascii: ".") || bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "'") {
            start += 1
        }
        guard start < end else { return }
        // Not a local function capturing the `inout` bytes and the mutable end: that checked
        // exclusive access at run time on each call.
        if endsWith(bytes, start, end, "'s") { end -= 2 } else if endsWith(bytes, start, end, "s'") { end -= 1 }
        guard start < end else { return }
        if endsWith(bytes, start, end, "n't") {
            let stem = String(decoding: bytes[start..<(end - 3)], as: UTF8.self)
            emit(stem == "ca" ? "can" : (stem == "wo" ? "will" : stem))
            emit("not")
            return
        }
        if end - start == 6 && endsWith(bytes, start, end, "cannot") {
            emit("can")
            emit("not")
            return
        }
        if bytes[start] >= 0x30 && bytes[start] <= 0x39, bytes[start..<end].contains(UInt8(ascii: ",")) {
            emit(String(decoding: bytes[start..<end].filter { $0 != UInt8(ascii: ",") }, as: UTF8.self))
            return
        }
        emit(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// Whether `bytes[start..<end]` ends with the ASCII literal `suffix` (its bytes are at
    /// `utf8Start`: no closure per call).
    private static func endsWith(_ bytes: [UInt8], _ start: Int, _ end: Int, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard end - start >= count else { return false }
        let suffix = suffix.utf8Start
        for k in 0..<count where bytes[end - count + k] != suffix[k] { return false }
        return true
    }

    /// One word of normalized text.
    public struct Token: Sendable, Hashable {
        public let text: String
        /// The form used for overlap: numbers become their kind (`#%`, `#`), words their stem.
        public let key: String
        public let isStopword: Bool
        public let isNegator: Bool
        /// Whether the token is a number (`5%`, `3.5`, `$1.2bn`).
        public let isNumber: Bool
        /// For a word negated by its prefix ("unrealistic", "dishonest", "non-binding"), the key of
        /// the word it negates ("realist", "honest", "bind"); nil for every other token.
        public let antonymBase: String?

        public init(text: String) {
            self.text = text
            let number = NumericValue(token: text)
            isNumber = number != nil
            key = number?.kindKey ?? TextNormalizer.stem(text)
            isStopword = TextNormalizer.stopwords.contains(text)
            isNegator = !isStopword && TextNormalizer.negators.contains(text)
            antonymBase = number == nil ? Antonyms.base(of: text) : nil
        }

        /// The weight of the token in overlap scores.
        public var weight: Double { isStopword ? 0.25 : 1 }
    }

    /// The stem of a word, by which matching compares words: the Snowball English stemmer
    /// (``EnglishStemmer``) for plain English words ("restores", "restored" → "restor"), the plural
    /// `s` removed from words in other letters.
    static func stem(_ word: String) -> String {
        let utf8 = word.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return EnglishStemmer.stem(word) }
        guard word.count > 3, utf8.last == UInt8(ascii: "s"), word.allSatisfy(\.isLetter) else { return word }
        return String(word.dropLast())
    }
}
