/// A unit of narration: a word, a punctuation mark, a whole quoted span, or a paragraph break.
///
/// Built once by `Tokenizer` and then only read, many times over by every pass of the attribution:
/// what those reads derive from the text (`bare`, `isCapWord`) is computed here once.
struct Token {
    enum Kind: Equatable { case word, punct, quote, paragraphBreak }

    let kind: Kind
    /// The token's text; for a possessive word ("Hegseth’s") without the "’s".
    let text: String
    let lower: String
    /// Lowercased without a trailing period ("mr." → "mr").
    let bare: String
    /// The `Lexicon` lists that `lower` and `bare` are in (`lower(in:)`, `bare(in:)`).
    private let lowerFlags: LexiconFlags
    private let bareFlags: LexiconFlags
    /// Scalar offsets of the token in the article (for a quote, its marks included).
    let start: Int
    fileprivate(set) var end: Int
    /// Index into the quote list for `.quote` tokens.
    fileprivate(set) var quote: Int = -1
    /// First letter uppercase.
    fileprivate(set) var isCap: Bool = false
    /// Ended in ’s / 's.
    fileprivate(set) var possessive: Bool = false
    fileprivate(set) var paragraph: Int = 0

    /// `bare` is `lower` without one trailing period; pass it when the caller has it already.
    init(kind: Kind, text: String, lower: String, bare: String? = nil, start: Int, end: Int) {
        self.kind = kind
        self.text = text
        self.lower = lower
        let bare = bare ?? (lower.hasSuffix(".") ? String(lower.dropLast()) : lower)
        self.bare = bare
        lowerFlags = LexiconFlags.of(lower)
        bareFlags = bare == lower ? lowerFlags : LexiconFlags.of(bare)
        self.start = start
        self.end = end
    }

    var isWord: Bool { kind == .word }
    /// `Lexicon.<list>.contains(lower)`, answered from the flags.
    @inline(__always)
    func lower(in list: LexiconFlags) -> Bool { lowerFlags.contains(list) }
    /// `Lexicon.<list>.contains(bare)`, answered from the flags.
    @inline(__always)
    func bare(in list: LexiconFlags) -> Bool { bareFlags.contains(list) }
    /// A capitalized word that can be part of a name (not the pronoun "I").
    var isCapWord: Bool { kind == .word && isCap && !isPronounI }
    /// The word is "I" (kept apart so that `isCapWord` compares no strings).
    fileprivate(set) var isPronounI = false
}

/// Splits text into tokens, replacing each quoted span by one `.quote` token.
///
/// Works on integer offsets into the scalars. A word made only of ASCII scalars and the two
/// non-ASCII joiners words contain (’ and the non-breaking hyphen) — nearly every word of English
/// news — has one scalar per character, so its checks ("’s", "al-", its last letter) are scalar
/// comparisons and its strings are written straight from the scalars; any other word takes the
/// general path, on `String` and `Character`, which says the same for these words.
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
                        let singleCap = seg == 1 && QuoteMarkScanner.isUppercase(s[j - 1])
                        if singleCap || containsPeriod(s, i, j) || Lexicon.abbreviations.contains(ScalarText.lowercased(s[i..<j])) {
                            j += 1
                        }
                    }
                    break
                }
                var t = isPlain(s, i, j)
                    ? plainWord(s, i, j, nextQuoteOpen: q < quotes.count ? quotes[q].open : -1)
                    : generalWord(s, i, j, nextQuoteOpen: q < quotes.count ? quotes[q].open : -1)
                t.paragraph = paragraph
                tokens.append(t)
                i = t.end
                continue
            }
            let mark = String(Character(c))
            var t = Token(kind: .punct, text: mark, lower: mark, start: i, end: i + 1)
            t.paragraph = paragraph
            tokens.append(t)
            i += 1
        }
        return tokens
    }

    /// Arabic article prefixes on surnames ("al-Sharaa", "el-Sisi"), which keep the name capitalized.
    private static let arabicArticles = ["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ibn", "bin", "abu"]

    /// Whether every scalar of `s[i..<j]` is ASCII or one of the joiners ’ and U+2011: then each
    /// scalar is a character of its own, equal only to itself, and lowercasing it is ASCII's.
    private static func isPlain(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Bool {
        for k in i..<j {
            let v = s[k].value
            if v >= 0x80 && v != 0x2019 && v != 0x2011 { return false }
        }
        return true
    }

    /// Whether the lowercased word `s[i..<j]` contains a period (`String.contains` for other words).
    private static func containsPeriod(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Bool {
        guard isPlain(s, i, j) else { return ScalarText.lowercased(s[i..<j]).contains(".") }
        for k in i..<j where s[k] == "." { return true }
        return false
    }

    /// The word `s[i..<j]` of plain scalars (`isPlain`): the rules of `generalWord` read on scalars.
    private static func plainWord(_ s: [Unicode.Scalar], _ i: Int, _ j: Int, nextQuoteOpen: Int) -> Token {
        let n = s.count
        var isCap = QuoteMarkScanner.isUppercase(s[i])
        if !isCap, let dash = (i..<j).first(where: { s[$0] == "-" }), dash + 1 < j, QuoteMarkScanner.isUppercase(s[dash + 1]),
           arabicArticles.contains(ScalarText.lowercased(s[i..<dash])) {
            isCap = true
        }
        // "Hegseth’s": the token is the name; "’s" is possessive unless it stands for "is" or "has".
        var textEnd = j
        var possessive = false
        if j - i > 2, (s[j - 2] == "\u{2019}" && (s[j - 1] == "s" || s[j - 1] == "S")) || (s[j - 2] == "'" && s[j - 1] == "s") {
            textEnd = j - 2
            possessive = !Lexicon.afterContractedIs.contains(nextWord(s, after: j))
        }
        var end = j
        let last = s[textEnd - 1]
        if !possessive, j < n, s[j] == "'" || s[j] == "\u{2019}", last == "s" || last == "S",
           !(j + 1 < n && QuoteMarkScanner.isLetter(s[j + 1])), nextQuoteOpen != j {
            possessive = true
            end = j + 1
        }
        // Most words have no capital: their lowercase is their text, made once.
        let text = ScalarText.string(s[i..<textEnd])
        let hasCapital = (i..<textEnd).contains { s[$0].value >= 0x41 && s[$0].value <= 0x5A }
        let lower = hasCapital ? ScalarText.lowercased(s[i..<textEnd]) : text
        let bare = last == "." ? ScalarText.lowercased(s[i..<(textEnd - 1)]) : lower
        var t = Token(kind: .word, text: text, lower: lower, bare: bare, start: i, end: end)
        t.isCap = isCap
        t.possessive = possessive
        t.isPronounI = textEnd - i == 1 && s[i] == "I"
        return t
    }

    /// The word `s[i..<j]`, any scalars: its text, case, and possessive "’s" read on `String`.
    private static func generalWord(_ s: [Unicode.Scalar], _ i: Int, _ j: Int, nextQuoteOpen: Int) -> Token {
        let n = s.count
        var text = ScalarText.string(s[i..<j])
        var lower = ScalarText.lowercased(s[i..<j])
        var end = j
        var isCap = QuoteMarkScanner.isUppercase(s[i])
        var possessive = false
        // Arabic article prefixes on surnames ("al-Sharaa", "el-Sisi") keep the name capitalized.
        if !isCap, let dash = text.firstIndex(of: "-"),
           arabicArticles.contains(text[..<dash].lowercased()),
           let after = text[text.index(after: dash)...].unicodeScalars.first, QuoteMarkScanner.isUppercase(after) {
            isCap = true
        }
        if text.count > 2, text.hasSuffix("\u{2019}s") || text.hasSuffix("'s") || text.hasSuffix("\u{2019}S") {
            text = ScalarText.string(s[i..<j - 2])
            lower = ScalarText.lowercased(s[i..<j - 2])
            // "Eric Trump's not so sure": "’s" for "is" or "has" before these words.
            possessive = !Lexicon.afterContractedIs.contains(nextWord(s, after: j))
        }
        // A plural possessive ("the Workers' Alliance", "the judges’ decision"): the apostrophe
        // the quote scanner left alone belongs to the word.
        if !possessive, j < n, s[j] == "'" || s[j] == "\u{2019}", let last = text.last, last == "s" || last == "S",
           !(j + 1 < n && QuoteMarkScanner.isLetter(s[j + 1])), nextQuoteOpen != j {
            possessive = true
            end = j + 1
        }
        var t = Token(kind: .word, text: text, lower: lower, start: i, end: end)
        t.isCap = isCap
        t.possessive = possessive
        t.isPronounI = text == "I"
        return t
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
