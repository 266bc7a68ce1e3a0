/// A unit of narration: a word, a punctuation mark, a whole quoted span, or a paragraph break.
struct Token {
    enum Kind: Equatable { case word, punct, quote, paragraphBreak }

    var kind: Kind
    /// The token's text; for a possessive word ("Hegseth’s") without the "’s".
    var text: String
    var lower: String
    /// Scalar offsets of the token in the article (for a quote, its marks included).
    var start: Int
    var end: Int
    /// Index into the quote list for `.quote` tokens.
    var quote: Int = -1
    /// First letter uppercase.
    var isCap: Bool = false
    /// Ended in ’s / 's.
    var possessive: Bool = false
    var paragraph: Int = 0

    var isWord: Bool { kind == .word }
    /// A capitalized word that can be part of a name (not the pronoun "I").
    var isCapWord: Bool { kind == .word && isCap && text != "I" }
    /// Lowercased without a trailing period ("mr." → "mr").
    var bare: String { lower.hasSuffix(".") ? String(lower.dropLast()) : lower }
}

/// Splits text into tokens, replacing each quoted span by one `.quote` token.
enum Tokenizer {
    static func tokenize(_ s: [Unicode.Scalar], quotes: [QuoteMarkScanner.MarkSpan]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 4)
        var i = 0
        var q = 0
        var paragraph = 0
        let n = s.count
        while i < n {
            if q < quotes.count && quotes[q].open == i {
                let span = quotes[q]
                var t = Token(kind: .quote, text: "", lower: "", start: span.open, end: span.close + 1)
                t.quote = q
                t.paragraph = paragraph
                tokens.append(t)
                for k in span.open...span.close where s[k] == "\n" || s[k] == "\r" { paragraph += 1 }
                i = span.close + 1
                q += 1
                continue
            }
            let c = s[i]
            if c == "\n" || c == "\r" {
                if tokens.last?.kind != .paragraphBreak {
                    var t = Token(kind: .paragraphBreak, text: "\n", lower: "\n", start: i, end: i + 1)
                    t.paragraph = paragraph
                    tokens.append(t)
                }
                paragraph += 1
                i += 1
                continue
            }
            if QuoteMarkScanner.isSpace(c) { i += 1; continue }
            if QuoteMarkScanner.isAlnum(c) {
                var j = i
                var segStart = i
                while true {
                    while j < n && QuoteMarkScanner.isAlnum(s[j]) { j += 1 }
                    guard j < n else { break }
                    let d = s[j]
                    let nextIsLetter = j + 1 < n && QuoteMarkScanner.isLetter(s[j + 1])
                    let nextIsAlnum = j + 1 < n && QuoteMarkScanner.isAlnum(s[j + 1])
                    if (d == "'" || d == "\u{2019}") && nextIsLetter && j > i && QuoteMarkScanner.isLetter(s[j - 1]) {
                        j += 1; continue
                    }
                    if (d == "-" || d == "\u{2011}") && nextIsAlnum { j += 1; segStart = j; continue }
                    if d == "." {
                        let seg = j - segStart
                        if nextIsLetter && seg <= 2 && QuoteMarkScanner.isLetter(s[j - 1]) {
                            j += 1; segStart = j; continue
                        }
                        let word = ScalarText.lowercased(s[i..<j])
                        let singleCap = seg == 1 && QuoteMarkScanner.isUppercase(s[j - 1])
                        if singleCap || word.contains(".") || Lexicon.abbreviations.contains(word) {
                            j += 1
                        }
                    }
                    break
                }
                var text = ScalarText.string(s[i..<j])
                var t = Token(kind: .word, text: text, lower: ScalarText.lowercased(s[i..<j]), start: i, end: j)
                t.isCap = QuoteMarkScanner.isUppercase(s[i])
                // Arabic article prefixes on surnames ("al-Sharaa", "el-Sisi") keep the name capitalized.
                if !t.isCap, let dash = text.firstIndex(of: "-"),
                   ["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ibn", "bin", "abu"].contains(text[..<dash].lowercased()),
                   let after = text[text.index(after: dash)...].unicodeScalars.first, QuoteMarkScanner.isUppercase(after) {
                    t.isCap = true
                }
                if text.count > 2, text.hasSuffix("\u{2019}s") || text.hasSuffix("'s") || text.hasSuffix("\u{2019}S") {
                    text = ScalarText.string(s[i..<j - 2])
                    t.text = text
                    t.lower = ScalarText.lowercased(s[i..<j - 2])
                    // "Eric Trump's not so sure": "’s" for "is" or "has" before these words.
                    t.possessive = !Lexicon.afterContractedIs.contains(nextWord(s, after: j))
                }
                // A plural possessive ("the Workers' Alliance", "the judges’ decision"): the apostrophe
                // the quote scanner left alone belongs to the word.
                if !t.possessive, j < n, s[j] == "'" || s[j] == "\u{2019}", let last = text.last, last == "s" || last == "S",
                   !(j + 1 < n && QuoteMarkScanner.isLetter(s[j + 1])), !(q < quotes.count && quotes[q].open == j) {
                    t.possessive = true
                    t.end = j + 1
                    j += 1
                }
                t.paragraph = paragraph
                tokens.append(t)
                i = j
                continue
            }
            var t = Token(kind: .punct, text: String(Character(c)), lower: String(Character(c)), start: i, end: i + 1)
            t.paragraph = paragraph
            tokens.append(t)
            i += 1
        }
        return tokens
    }

    /// The lowercased letters of the word after position `j` (past spaces), "" when none follows.
    private static func nextWord(_ s: [Unicode.Scalar], after j: Int) -> String {
        var k = j
        while k < s.count && QuoteMarkScanner.isSpace(s[k]) && s[k] != "\n" { k += 1 }
        let start = k
        while k < s.count && QuoteMarkScanner.isLetter(s[k]) && k - start < 12 { k += 1 }
        return ScalarText.lowercased(s[start..<k])
    }
}
