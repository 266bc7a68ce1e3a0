/// Pairs quotation marks in plain text and returns the outermost quoted spans.
///
/// Works paragraph by paragraph (every line break ends a paragraph) with a small stack, so nested
/// quotes (“He said ‘no’”) become part of the outer span. Straight and curly apostrophes are told apart
/// from closing single quotes by context. An unmatched mark loses only its own span: at the end of a
/// paragraph, unclosed openers are dropped and any balanced quotes inside them are kept, unless the
/// next paragraph opens with a mark of the same kind, which continues the quote (news convention for
/// quotes running over several paragraphs). Linear in the length of the text.
struct QuoteMarkScanner {
    enum Family: Equatable { case double, single, guillemet, singleGuillemet }

    /// Offsets (Unicode scalars) of the opening and closing marks of one outermost quote.
    struct MarkSpan: Equatable {
        var open: Int
        var close: Int
    }

    private struct Frame {
        var family: Family
        var opener: Unicode.Scalar
        var open: Int
        var children: [MarkSpan] = []
    }

    let s: [Unicode.Scalar]

    static func isQuoteMark(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\u{201C}", "\u{201D}", "\u{201E}", "\"", "\u{2018}", "\u{2019}", "\u{201A}", "'", "\u{AB}",
             "\u{BB}", "\u{2039}", "\u{203A}":
            return true
        default:
            return false
        }
    }

    // ASCII is answered without the Unicode property tables (a lookup per scalar otherwise).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? c.value == 0x20 || (0x09...0x0D).contains(c.value) : c.properties.isWhitespace
    }
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value) : c.properties.isAlphabetic
    }
    static func isUppercase(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (0x41...0x5A).contains(c.value) : c.properties.isUppercase
    }
    static func isLowercase(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (0x61...0x7A).contains(c.value) : c.properties.isLowercase
    }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    static func isAlnum(_ c: Unicode.Scalar) -> Bool { isLetter(c) || isDigit(c) }

    private static func isOpenPunct(_ c: Unicode.Scalar) -> Bool {
        "([{<—–-/:;,".unicodeScalars.contains(c) || isQuoteMark(c)
    }

    private static let elisions: [String] = ["til", "tis", "twas", "em", "cause", "bout", "n", "nuff", "cos", "round"]

    /// True when the apostrophe at `i` starts an elision (’90s, 'til, rock 'n' roll), not a quote.
    private func isElision(at i: Int, end: Int) -> Bool {
        let c = s[i]
        // Two digits then "s" (’90s), or for a curly right mark two digits not followed by a digit (’08).
        if i + 2 < end, Self.isDigit(s[i + 1]), Self.isDigit(s[i + 2]) {
            let after: Unicode.Scalar? = i + 3 < end ? s[i + 3] : nil
            if after == "s" { return true }
            if c == "\u{2019}", after.map({ !Self.isAlnum($0) }) ?? true { return true }
        }
        for word in Self.elisions {
            let w = Array(word.unicodeScalars)
            guard i + w.count < end || i + w.count == end else { continue }
            var ok = true
            for (k, ch) in w.enumerated() {
                let idx = i + 1 + k
                if idx >= end || s[idx].properties.lowercaseMapping != String(ch) { ok = false; break }
            }
            guard ok else { continue }
            let after = i + 1 + w.count
            if after >= end || !Self.isLetter(s[after]) {
                if word == "n" { return after < end && (s[after] == "'" || s[after] == "\u{2019}") }
                return true
            }
        }
        return false
    }

    func scan(paragraphs: [Range<Int>]) -> [MarkSpan] {
        var out: [MarkSpan] = []
        var stack: [Frame] = []
        var skip = -1

        func dropFrames(from k: Int) {
            // Unclosed frames k...: keep their balanced children one level down.
            var kept: [MarkSpan] = []
            for f in stack[k...] { kept.append(contentsOf: f.children) }
            stack.removeSubrange(k...)
            if stack.isEmpty { out.append(contentsOf: kept) } else { stack[stack.count - 1].children.append(contentsOf: kept) }
        }
        func hasOpen(_ fam: Family, opener: Unicode.Scalar? = nil) -> Bool {
            stack.contains { $0.family == fam && (opener == nil || $0.opener == opener!) }
        }
        func close(_ fam: Family, at i: Int) {
            guard let k = stack.lastIndex(where: { $0.family == fam }) else { return }
            let span = MarkSpan(open: stack[k].open, close: i)
            stack.removeSubrange(k...)
            if stack.isEmpty { out.append(span) } else { stack[stack.count - 1].children.append(span) }
        }
        func open(_ fam: Family, _ c: Unicode.Scalar, at i: Int) {
            if let k = stack.firstIndex(where: { $0.family == fam }) { dropFrames(from: k) }
            stack.append(Frame(family: fam, opener: c, open: i))
        }

        for (pIndex, para) in paragraphs.enumerated() {
            let end = para.upperBound
            // Suffix flag: is there a strong closing single mark later in this paragraph?
            var laterStrongSingle = [Bool](repeating: false, count: para.count + 1)
            var i = end - 1
            while i >= para.lowerBound {
                let c = s[i]
                var strong = false
                if c == "\u{2019}" || c == "'" {
                    let prev: Unicode.Scalar? = i > para.lowerBound ? s[i - 1] : nil
                    let next: Unicode.Scalar? = i + 1 < end ? s[i + 1] : nil
                    let apostrophe = prev.map(Self.isAlnum) == true && next.map(Self.isAlnum) == true
                    let prevNonSpace = prev.map { !Self.isSpace($0) } ?? false
                    let weakPossessive = (prev == "s" || prev == "S") && next.map(Self.isSpace) == true
                    strong = !apostrophe && prevNonSpace && !weakPossessive
                }
                laterStrongSingle[i - para.lowerBound] = strong || laterStrongSingle[i - para.lowerBound + 1]
                i -= 1
            }

            var j = para.lowerBound
            while j < end {
                let c = s[j]
                guard Self.isQuoteMark(c), j != skip else { j += 1; continue }
                let prev: Unicode.Scalar? = j > para.lowerBound ? s[j - 1] : nil
                let next: Unicode.Scalar? = j + 1 < end ? s[j + 1] : nil
                let leftOK = prev == nil || Self.isSpace(prev!) || Self.isOpenPunct(prev!)
                let nextNonSpace = next.map { !Self.isSpace($0) } ?? false
                let prevNonSpace = prev.map { !Self.isSpace($0) } ?? false
                switch c {
                case "\u{201C}":  // “ opens; closes a German „
                    if hasOpen(.double, opener: "\u{201E}") && prevNonSpace { close(.double, at: j) } else { open(.double, c, at: j) }
                case "\u{201D}":  // ”
                    if hasOpen(.double) { close(.double, at: j) } else if leftOK && nextNonSpace { open(.double, c, at: j) }
                case "\u{201E}":  // „
                    open(.double, c, at: j)
                case "\"":
                    let canOpen = leftOK && nextNonSpace
                    if hasOpen(.double) && prevNonSpace {
                        close(.double, at: j)
                    } else if canOpen {
                        open(.double, c, at: j)
                    } else if hasOpen(.double) && !prevNonSpace && !nextNonSpace {
                        close(.double, at: j)
                    }
                case "\u{2018}", "\u{201A}":  // ‘ ‚
                    if c == "\u{2018}" && hasOpen(.single, opener: "\u{201A}") && prevNonSpace {
                        close(.single, at: j)
                    } else if prev.map(Self.isAlnum) == true && next.map(Self.isAlnum) == true {
                        break  // a misprinted apostrophe inside a word
                    } else if isElision(at: j, end: end) {
                        break
                    } else if nextNonSpace || c == "\u{2018}" {
                        open(.single, c, at: j)
                    }
                case "\u{2019}", "'":
                    if prev.map(Self.isAlnum) == true && next.map(Self.isAlnum) == true { break }  // don't, Europe's
                    if !prevNonSpace && isElision(at: j, end: end) { break }  // ’90s, 'til
                    // rock 'n' roll: the second mark of 'n'
                    if (prev == "n" || prev == "N") && j >= para.lowerBound + 2
                        && (s[j - 2] == "'" || s[j - 2] == "\u{2019}") { break }
                    let canOpen = leftOK && nextNonSpace
                    if hasOpen(.single) && prevNonSpace {
                        var weak = (prev == "s" || prev == "S") && next.map(Self.isSpace) == true
                        if weak {
                            // students’ views: possessive when a lowercase word follows and a closer comes later
                            var k = j + 1
                            while k < end && Self.isSpace(s[k]) { k += 1 }
                            weak = k < end && Self.isLowercase(s[k])
                        }
                        if weak && laterStrongSingle[j - para.lowerBound + 1] { break }
                        close(.single, at: j)
                    } else if canOpen {
                        open(.single, c, at: j)
                    }
                case "\u{AB}":  // «
                    if hasOpen(.guillemet, opener: "\u{BB}") && prevNonSpace { close(.guillemet, at: j) } else { open(.guillemet, c, at: j) }
                case "\u{BB}":  // »
                    if hasOpen(.guillemet, opener: "\u{AB}") { close(.guillemet, at: j) } else if leftOK && nextNonSpace { open(.guillemet, c, at: j) }
                case "\u{2039}":
                    if hasOpen(.singleGuillemet, opener: "\u{203A}") && prevNonSpace { close(.singleGuillemet, at: j) } else { open(.singleGuillemet, c, at: j) }
                case "\u{203A}":
                    if hasOpen(.singleGuillemet, opener: "\u{2039}") { close(.singleGuillemet, at: j) } else if leftOK && nextNonSpace { open(.singleGuillemet, c, at: j) }
                default:
                    break
                }
                j += 1
            }

            guard !stack.isEmpty else { continue }
            if stack.count > 1 { dropFrames(from: 1) }
            // Continuation: the next non-empty paragraph starts with an opening mark of the same kind.
            var continued = false
            var q = pIndex + 1
            while q < paragraphs.count {
                let p = paragraphs[q]
                var k = p.lowerBound
                while k < p.upperBound && Self.isSpace(s[k]) { k += 1 }
                if k == p.upperBound { q += 1; continue }
                let first = s[k]
                let fam = stack[0].family
                let opens: Bool
                switch fam {
                case .double: opens = first == "\u{201C}" || first == "\u{201E}" || first == "\""
                case .single: opens = first == "\u{2018}" || first == "\u{201A}" || first == "'"
                case .guillemet: opens = first == "\u{AB}" || first == "\u{BB}"
                case .singleGuillemet: opens = first == "\u{2039}" || first == "\u{203A}"
                }
                if opens { skip = k; continued = true }
                break
            }
            if !continued { dropFrames(from: 0) }
        }
        if !stack.isEmpty { dropFrames(from: 0) }
        return out.sorted { $0.open < $1.open }
    }
}
