/// The Snowball English stemmer ("Porter2"), as a pure function on one lower-cased word.
///
/// This follows the algorithm specified at <https://snowballstem.org/algorithms/english/stemmer.html>
/// and its Snowball source, `algorithms/english.sbl` in <https://github.com/snowballstem/snowball>,
/// in the revision of Snowball 3.1: the exceptional forms (`skies` → `sky`, `only` → `onli`, `news`,
/// `atlas`, …), the removal of a leading apostrophe, `y` marked as a consonant `Y` at the start of the
/// word and after a vowel, the regions R1 and R2 (with the exceptional R1 starts `gener`, `commun`,
/// `arsen`, `past`, `univers`, `later`, `emerg`, `organ` and `inter`), then steps 1a to 5. The
/// exceptional `-ing` and `-eed` forms (`dying` → `die`, `inning`, `herring`, `evening`, `succeed`,
/// `proceed`, `exceed`, …) are handled inside step 1b, where Snowball 3 puts them.
/// `EnglishStemmerTests` checks it against the Snowball reference vocabulary
/// (snowballstem/snowball-data).
///
/// It runs in the hot path of matching, so it works on the word's UTF-8 bytes in one temporary
/// (stack) buffer and allocates at most the returned string (none when the stem is the word itself
/// or fits a small string). Words of one or two bytes, and words with any byte other than `a`–`z`
/// and `'`, are returned unchanged.
public enum EnglishStemmer {
    /// The stem of `word`, a lower-cased English word.
    public static func stem(_ word: String) -> String {
        if let stemmed = word.utf8.withContiguousStorageIfAvailable({ stem(word, bytes: $0) }) {
            return stemmed
        }
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { stem(word, bytes: $0) }
    }

    // MARK: - Whole word

    private static let apostrophe = UInt8(ascii: "'")
    /// `Y`: a `y` the prelude marked as a consonant.
    private static let consonantY = UInt8(ascii: "Y")

    /// The stem of `word`, whose UTF-8 bytes are `input`.
    private static func stem(_ word: String, bytes input: UnsafeBufferPointer<UInt8>) -> String {
        let count = input.count
        if count <= 2 { return word }
        for byte in input where byte &- 0x61 >= 26 && byte != apostrophe { return word }

        // Exceptional forms, looked up before anything else (Snowball's `exception1`).
        switch exception(input) {
        case .none: break
        case .invariant: return word
        case .replacement(let replacement): return replacement.description
        }

        // No rule makes a word longer than it was, so a buffer of its length is enough.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            guard let w = buffer.baseAddress else { return word }
            // Remove a leading apostrophe.
            let skip = input[0] == apostrophe ? 1 : 0
            var n = count - skip
            for i in 0..<n { w[i] = input[i + skip] }

            markConsonantY(w, n)
            let (p1, p2) = regions(w, n)
            step1a(w, &n)
            step1b(w, &n, p1: p1)
            step1c(w, n)
            step2(w, &n, p1: p1)
            step3(w, &n, p1: p1, p2: p2)
            step4(w, &n, p2: p2)
            step5(w, &n, p1: p1, p2: p2)
            // Postlude: every `Y` back to `y` (the input had no capitals).
            for i in 0..<n where w[i] == consonantY { w[i] = UInt8(ascii: "y") }

            if n == count {
                var same = true
                for i in 0..<n where w[i] != input[i] {
                    same = false
                    break
                }
                if same { return word }
            }
            return String(decoding: UnsafeBufferPointer(start: w, count: n), as: UTF8.self)
        }
    }

    /// What the exceptional-forms table says about a whole word.
    private enum Exception {
        case none
        case invariant
        case replacement(StaticString)
    }

    /// The whole-word exceptions: special forms, `-ly` words, and words that only look inflected.
    private static func exception(_ w: UnsafeBufferPointer<UInt8>) -> Exception {
        guard let base = w.baseAddress else { return .none }
        let n = w.count
        func isWord(_ s: StaticString) -> Bool { s.utf8CodeUnitCount == n && ends(base, n, s) }
        switch n {
        case 3:
            if isWord("sky") { return .invariant }
        case 4:
            if isWord("skis") { return .replacement("ski") }
            if isWord("idly") { return .replacement("idl") }
            if isWord("ugly") { return .replacement("ugli") }
            if isWord("only") { return .replacement("onli") }
            if isWord("news") || isWord("howe") || isWord("bias") { return .invariant }
        case 5:
            if isWord("skies") { return .replacement("sky") }
            if isWord("early") { return .replacement("earli") }
            if isWord("atlas") || isWord("andes") { return .invariant }
        case 6:
            if isWord("gently") { return .replacement("gentl") }
            if isWord("singly") { return .replacement("singl") }
            if isWord("cosmos") { return .invariant }
        default:
            break
        }
        return .none
    }

    // MARK: - Letters

    /// `a e i o u y` (a marked `Y` is a consonant).
    @inline(__always)
    private static func isVowel(_ b: UInt8) -> Bool {
        let i = b &- 0x61
        return i < 26 && (0x0110_4111 as UInt32) >> UInt32(i) & 1 != 0
    }

    /// A vowel, `w`, `x` or `Y`: what may not end a short syllable of three letters.
    @inline(__always)
    private static func isVowelWXY(_ b: UInt8) -> Bool {
        isVowel(b) || b == UInt8(ascii: "w") || b == UInt8(ascii: "x") || b == consonantY
    }

    /// `c d e g h k m n r t`: the letters after which `-li` is removed.
    @inline(__always)
    private static func isValidLi(_ b: UInt8) -> Bool {
        let i = b &- 0x61
        return i < 26 && (0x000A_34DC as UInt32) >> UInt32(i) & 1 != 0
    }

    /// Whether the first `n` bytes of `w` end with `s`.
    @inline(__always)
    private static func ends(_ w: UnsafePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        if k > n { return false }
        let p = s.utf8Start
        var i = k - 1
        while i >= 0 {
            if w[n - k + i] != p[i] { return false }
            i -= 1
        }
        return true
    }

    @inline(__always)
    private static func ends(_ w: UnsafeMutablePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        ends(UnsafePointer(w), n, s)
    }

    /// Whether the first `n` bytes of `w` start with `s`.
    @inline(__always)
    private static func starts(_ w: UnsafeMutablePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        if k > n { return false }
        let p = s.utf8Start
        for i in 0..<k where w[i] != p[i] { return false }
        return true
    }

    /// Whether any of `w[0..<end]` is a vowel.
    @inline(__always)
    private static func hasVowel(_ w: UnsafeMutablePointer<UInt8>, before end: Int) -> Bool {
        var i = 0
        while i < end {
            if isVowel(w[i]) { return true }
            i += 1
        }
        return false
    }

    /// Whether `w[0..<c]` ends in a short syllable: a vowel between a non-vowel and a non-vowel other
    /// than `w`, `x` or `Y`; or a vowel and a non-vowel making the whole of it; or `past`.
    @inline(__always)
    private static func endsInShortSyllable(_ w: UnsafeMutablePointer<UInt8>, _ c: Int) -> Bool {
        if c >= 3 && !isVowelWXY(w[c - 1]) && isVowel(w[c - 2]) && !isVowel(w[c - 3]) { return true }
        if c == 2 && !isVowel(w[1]) && isVowel(w[0]) { return true }
        return ends(w, c, "past")
    }

    // MARK: - Prelude and regions

    /// Marks as `Y` an initial `y` and a `y` after a vowel, left to right (so `yyyy` becomes `YyYy`).
    private static func markConsonantY(_ w: UnsafeMutablePointer<UInt8>, _ n: Int) {
        let y = UInt8(ascii: "y")
        if n > 0 && w[0] == y { w[0] = consonantY }
        var i = 1
        while i < n {
            if w[i] == y && isVowel(w[i - 1]) { w[i] = consonantY }
            i += 1
        }
    }

    /// The starts of R1 and R2: each the position after the first non-vowel that follows a vowel,
    /// R2 searched from R1, or the end of the word. Some prefixes fix where R1 starts.
    private static func regions(_ w: UnsafeMutablePointer<UInt8>, _ n: Int) -> (p1: Int, p2: Int) {
        /// The position after the first vowel–non-vowel pair at or after `from`, if there is one.
        func afterVowelNonVowel(from: Int) -> Int? {
            var i = from
            while i < n && !isVowel(w[i]) { i += 1 }
            i += 1
            while i < n && isVowel(w[i]) { i += 1 }
            return i < n ? i + 1 : nil
        }
        var start: Int? = nil
        switch w[0] {
        case UInt8(ascii: "g"): if starts(w, n, "gener") { start = 5 }
        case UInt8(ascii: "c"): if starts(w, n, "commun") { start = 6 }
        case UInt8(ascii: "a"): if starts(w, n, "arsen") { start = 5 }
        case UInt8(ascii: "p"): if starts(w, n, "past") { start = 4 }
        case UInt8(ascii: "u"): if starts(w, n, "univers") { start = 7 }
        case UInt8(ascii: "l"): if starts(w, n, "later") { start = 5 }
        case UInt8(ascii: "e"): if starts(w, n, "emerg") { start = 5 }
        case UInt8(ascii: "o"): if starts(w, n, "organ") { start = 5 }
        case UInt8(ascii: "i"): if starts(w, n, "inter") { start = 5 }
        default: break
        }
        guard let p1 = start ?? afterVowelNonVowel(from: 0) else { return (n, n) }
        return (p1, afterVowelNonVowel(from: p1) ?? n)
    }

    // MARK: - Steps

    /// Step 1a: the possessive `'`, `'s`, `'s'` (Snowball's step 0), then plural `-s` forms.
    private static func step1a(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int) {
        if ends(w, n, "'s'") {
            n -= 3
        } else if ends(w, n, "'s") {
            n -= 2
        } else if ends(w, n, "'") {
            n -= 1
        }
        guard n > 0 else { return }
        switch w[n - 1] {
        case UInt8(ascii: "s"):
            if ends(w, n, "sses") {
                n -= 2  // -> ss
            } else if ends(w, n, "ies") {
                replaceIE(w, &n)
            } else if ends(w, n, "us") || ends(w, n, "ss") {
                return
            } else if hasVowel(w, before: n - 2) {
                n -= 1  // a vowel not just before the s
            }
        case UInt8(ascii: "d"):
            if ends(w, n, "ied") { replaceIE(w, &n) }
        default:
            break
        }
    }

    /// `-ied`/`-ies` become `i` after two or more letters (`cries` → `cri`), else `ie` (`ties` → `tie`).
    private static func replaceIE(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int) {
        let bra = n - 3
        if bra >= 2 {
            n = bra + 1
        } else {
            w[bra + 1] = UInt8(ascii: "e")
            n = bra + 2
        }
    }

    /// Step 1b: `-eed`, `-eedly`, `-ed`, `-edly`, `-ing` and `-ingly`, with the exceptional `-ing`
    /// forms (`dying` → `die`; `inning`, `outing`, `canning`, `herring`, `earring`, `evening` kept) and
    /// `-eed` forms (`proceed`, `exceed`, `succeed` kept).
    private static func step1b(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int, p1: Int) {
        guard n > 0 else { return }
        switch w[n - 1] {
        case UInt8(ascii: "d"):
            if ends(w, n, "eed") {
                eed(w, &n, bra: n - 3, p1: p1)
            } else if ends(w, n, "ed") {
                removeVerbEnding(w, &n, bra: n - 2, p1: p1)
            }
        case UInt8(ascii: "y"):
            if ends(w, n, "eedly") {
                eed(w, &n, bra: n - 5, p1: p1)
            } else if ends(w, n, "ingly") {
                removeVerbEnding(w, &n, bra: n - 5, p1: p1)
            } else if ends(w, n, "edly") {
                removeVerbEnding(w, &n, bra: n - 4, p1: p1)
            }
        case UInt8(ascii: "g"):
            guard ends(w, n, "ing") else { return }
            let bra = n - 3
            // A non-vowel and `y` before it: `dying` → `die`.
            if bra == 2 && w[1] == UInt8(ascii: "y") && !isVowel(w[0]) {
                w[1] = UInt8(ascii: "i")
                w[2] = UInt8(ascii: "e")
                n = 3
                return
            }
            // Exactly one of these before it: left alone.
            if bra == 3 && (starts(w, n, "inn") || starts(w, n, "out")) { return }
            if bra == 4
                && (starts(w, n, "cann") || starts(w, n, "herr") || starts(w, n, "earr") || starts(w, n, "even"))
            {
                return
            }
            removeVerbEnding(w, &n, bra: bra, p1: p1)
        default:
            break
        }
    }

    /// `-eed`/`-eedly` at `bra` become `ee` in R1, unless the word is `proceed`, `exceed` or `succeed`.
    private static func eed(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int, bra: Int, p1: Int) {
        guard bra >= p1 else { return }
        switch bra {
        case 3: if starts(w, n, "exc") { return }
        case 4: if starts(w, n, "proc") || starts(w, n, "succ") { return }
        default: break
        }
        n = bra + 2
    }

    /// Removes the suffix at `bra` if a vowel precedes it, then: `at`, `bl`, `iz` take an `e`
    /// (`luxuriat` → `luxuriate`); a double letter is undoubled unless the word is `a`, `e` or `o`
    /// and it (`hopp` → `hop`, `add`); a short word takes an `e` (`hop` → `hope`).
    private static func removeVerbEnding(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int, bra: Int, p1: Int) {
        guard hasVowel(w, before: bra) else { return }
        n = bra
        // A vowel precedes, so n >= 1.
        let last = w[n - 1]
        if n >= 2 {
            let previous = w[n - 2]
            switch (previous, last) {
            case (UInt8(ascii: "a"), UInt8(ascii: "t")), (UInt8(ascii: "b"), UInt8(ascii: "l")),
                (UInt8(ascii: "i"), UInt8(ascii: "z")):
                w[n] = UInt8(ascii: "e")
                n += 1
                return
            default:
                break
            }
            if previous == last && isDouble(last) {
                if !(n == 3 && isAEO(w[0])) { n -= 1 }
                return
            }
        }
        if n == p1 && endsInShortSyllable(w, n) {
            w[n] = UInt8(ascii: "e")
            n += 1
        }
    }

    /// `b d f g m n p r t`: the letters whose doubles step 1b undoubles.
    @inline(__always)
    private static func isDouble(_ b: UInt8) -> Bool {
        let i = b &- 0x61
        return i < 26 && (0x000A_B06A as UInt32) >> UInt32(i) & 1 != 0
    }

    @inline(__always)
    private static func isAEO(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "a") || b == UInt8(ascii: "e") || b == UInt8(ascii: "o")
    }

    /// Step 1c: a final `y` or `Y` after a non-vowel that is not the first letter becomes `i`.
    private static func step1c(_ w: UnsafeMutablePointer<UInt8>, _ n: Int) {
        guard n >= 3 else { return }
        let last = w[n - 1]
        if (last == UInt8(ascii: "y") || last == consonantY) && !isVowel(w[n - 2]) {
            w[n - 1] = UInt8(ascii: "i")
        }
    }

    /// Step 2: derivational suffixes in R1 (`-ational` → `-ate`, `-iveness` → `-ive`, `-li`, …).
    private static func step2(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int, p1: Int) {
        guard n > 0 else { return }
        // The longest suffix that matches, its length, then whether it is in R1.
        func inR1(_ s: StaticString) -> Int? {
            ends(w, n, s) ? (n - s.utf8CodeUnitCount >= p1 ? n - s.utf8CodeUnitCount : -1) : nil
        }
        let e = UInt8(ascii: "e")
        switch w[n - 1] {
        case UInt8(ascii: "l"):
            if let bra = inR1("ational") {
                if bra >= 0 { w[bra + 2] = e; n = bra + 3 }  // -> ate
            } else if let bra = inR1("tional") {
                if bra >= 0 { n -= 2 }  // -> tion
            }
        case UInt8(ascii: "i"):
            if let bra = inR1("biliti") {
                if bra >= 0 { w[bra + 1] = UInt8(ascii: "l"); w[bra + 2] = e; n = bra + 3 }  // -> ble
            } else if let bra = inR1("lessli") {
                if bra >= 0 { n = bra + 4 }  // -> less
            } else if let bra = inR1("aliti") {
                if bra >= 0 { n = bra + 2 }  // -> al
            } else if let bra = inR1("iviti") {
                if bra >= 0 { w[bra + 2] = e; n = bra + 3 }  // -> ive
            } else if let bra = inR1("fulli") {
                if bra >= 0 { n = bra + 3 }  // -> ful
            } else if let bra = inR1("ousli") {
                if bra >= 0 { n = bra + 3 }  // -> ous
            } else if let bra = inR1("entli") {
                if bra >= 0 { n = bra + 3 }  // -> ent
            } else if let bra = inR1("enci") ?? inR1("anci") ?? inR1("abli") {
                if bra >= 0 { w[n - 1] = e }  // -> ence, ance, able
            } else if let bra = inR1("alli") {
                if bra >= 0 { n = bra + 2 }  // -> al
            } else if let bra = inR1("bli") {
                if bra >= 0 { w[n - 1] = e }  // -> ble
            } else if let bra = inR1("ogi") {
                if bra >= 1 && w[bra - 1] == UInt8(ascii: "l") { n = bra + 2 }  // -> og after l
            } else if let bra = inR1("li") {
                if bra >= 1 && isValidLi(w[bra - 1]) { n = bra }
            }
        case UInt8(ascii: "r"):
            if let bra = inR1("izer") {
                if bra >= 0 { n = bra + 3 }  // -> ize
            } else if let bra = inR1("ator") {
                if bra >= 0 { w[bra + 2] = e; n = bra + 3 }  // -> ate
            }
        case UInt8(ascii: "n"):
            if let bra = inR1("ization") {
                if bra >= 0 { w[bra + 2] = e; n = bra + 3 }  // -> ize
            } else if let bra = inR1("ation") {
                if bra >= 0 { w[bra + 2] = e; n = bra + 3 }  // -> ate
            }
        case UInt8(ascii: "m"):
            if let bra = inR1("alism") {
                if bra >= 0 { n = bra + 2 }  // -> al
            }
        case UInt8(ascii: "s"):
            if let bra = inR1("fulness") ?? inR1("ousness") ?? inR1("iveness") {
                if bra >= 0 { n = bra + 3 }  // -> ful, ous, ive
            }
        case UInt8(ascii: "t"):
            if let bra = inR1("ogist") {
                if bra >= 0 { n = bra + 2 }  // -> og
            }
        default:
            break
        }
    }

    /// Step 3: more derivational suffixes in R1 (`-alize` → `-al`, `-ful`, `-ness`, `-ative` in R2, …).
    private static func step3(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int, p1: Int, p2: Int) {
        guard n > 0 else { return }
        func inR1(_ s: StaticString) -> Int? {
            ends(w, n, s) ? (n - s.utf8CodeUnitCount >= p1 ? n - s.utf8CodeUnitCount : -1) : nil
        }
        switch w[n - 1] {
        case UInt8(ascii: "l"):
            if let bra = inR1("ational") {
                if bra >= 0 { w[bra + 2] = UInt8(ascii: "e"); n = bra + 3 }  // -> ate
            } else if let bra = inR1("tional") {
                if bra >= 0 { n -= 2 }  // -> tion
            } else if let bra = inR1("ical") {
                if bra >= 0 { n = bra + 2 }  // -> ic
            } else if let bra = inR1("ful") {
                if bra >= 0 { n = bra }
            }
        case UInt8(ascii: "e"):
            if let bra = inR1("alize") ?? inR1("icate") {
                if bra >= 0 { n = bra + 2 }  // -> al, ic
            } else if let bra = inR1("ative") {
                if bra >= 0 && bra >= p2 { n = bra }
            }
        case UInt8(ascii: "i"):
            if let bra = inR1("iciti") {
                if bra >= 0 { n = bra + 2 }  // -> ic
            }
        case UInt8(ascii: "s"):
            if let bra = inR1("ness") {
                if bra >= 0 { n = bra }
            }
        default:
            break
        }
    }

    /// Step 4: suffixes deleted in R2 (`-ance`, `-ement`, `-ism`, `-ion` after `s` or `t`, …).
    private static func step4(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int, p2: Int) {
        guard n > 0 else { return }
        var length = 0
        switch w[n - 1] {
        case UInt8(ascii: "l"):
            if ends(w, n, "al") { length = 2 }
        case UInt8(ascii: "e"):
            if ends(w, n, "ance") || ends(w, n, "ence") || ends(w, n, "able") || ends(w, n, "ible") {
                length = 4
            } else if ends(w, n, "ate") || ends(w, n, "ive") || ends(w, n, "ize") {
                length = 3
            }
        case UInt8(ascii: "r"):
            if ends(w, n, "er") { length = 2 }
        case UInt8(ascii: "c"):
            if ends(w, n, "ic") { length = 2 }
        case UInt8(ascii: "t"):
            if ends(w, n, "ement") {
                length = 5
            } else if ends(w, n, "ment") {
                length = 4
            } else if ends(w, n, "ant") || ends(w, n, "ent") {
                length = 3
            }
        case UInt8(ascii: "m"):
            if ends(w, n, "ism") { length = 3 }
        case UInt8(ascii: "i"):
            if ends(w, n, "iti") { length = 3 }
        case UInt8(ascii: "s"):
            if ends(w, n, "ous") { length = 3 }
        case UInt8(ascii: "n"):
            if ends(w, n, "ion") {
                let bra = n - 3
                if bra >= p2 && bra >= 1 && (w[bra - 1] == UInt8(ascii: "s") || w[bra - 1] == UInt8(ascii: "t")) {
                    n = bra
                }
            }
        default:
            break
        }
        if length > 0 && n - length >= p2 { n -= length }
    }

    /// Step 5: a final `e` in R2, or in R1 and not after a short syllable; a final `l` after `l` in R2.
    private static func step5(_ w: UnsafeMutablePointer<UInt8>, _ n: inout Int, p1: Int, p2: Int) {
        guard n > 0 else { return }
        let bra = n - 1
        switch w[bra] {
        case UInt8(ascii: "e"):
            if bra >= p2 || (bra >= p1 && !endsInShortSyllable(w, bra)) { n = bra }
        case UInt8(ascii: "l"):
            if bra >= p2 && bra >= 1 && w[bra - 1] == UInt8(ascii: "l") { n = bra }
        default:
            break
        }
    }
}
