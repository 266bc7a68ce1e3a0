/// The people an article names, so that "Hegseth", "Mr. Hegseth" or "Secretary Hegseth" resolve to the
/// fullest form the article uses ("Pete Hegseth"), and what is known of each one's gender.
///
/// A gender is learned from the article itself (a title: "Mrs.", "Mr."; a pronoun that stands for the
/// person: "Alex Morgan said her team …"), else guessed from the first name (``FirstNames``); what the
/// article says outranks the guess.
struct NameRegistry {
    enum Gender { case male, female }

    private var bySurname: [String: [String]] = [:]
    /// Single words the article gives a title or role somewhere ("Sen. Cruz", "lawyer Ruiz").
    private var titledWords: Set<String> = []
    /// Words the article also writes in lowercase ("later", "still", "hope"): common words, whatever
    /// a name table says of them.
    var commonWords: Set<String> = []
    /// Capitalized words the article writes somewhere other than at a sentence's start, or right
    /// before a verb ("Cruz said …" opening a sentence).
    var midSentenceWords: Set<String> = []
    /// How often the article writes each capitalized word.
    var capitalizedCounts: [String: Int] = [:]
    /// Words that open an organisation's name in the article ("Northwind" of "Northwind Energy"):
    /// alone, the organisation, unless a name table or a person's full name says otherwise.
    var organisationWords: Set<String> = []
    /// The people the article gives each role ("director", "captain", "mother"), by lowercased role
    /// word, in the order named.
    private(set) var roleHolders: [String: [String]] = [:]
    /// Gender by lower-cased full name, and whether the article said so (else the first name did).
    private var genders: [String: (gender: Gender, stated: Bool)] = [:]

    /// The space-separated words of a name. When each scalar is a character of its own
    /// (`ScalarText.isOwnCharacter`), split at the U+0020 bytes of its UTF-8, which are the
    /// boundaries `split(separator: " ")` finds, without reading it as `Character`s.
    static func words(_ name: String) -> [Substring] {
        guard name.unicodeScalars.allSatisfy(ScalarText.isOwnCharacter) else { return name.split(separator: " ") }
        var parts: [Substring] = []
        let utf8 = name.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == 0x20 {
                if start != i { parts.append(name[start..<i]) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != utf8.endIndex { parts.append(name[start..<utf8.endIndex]) }
        return parts
    }

    /// Lowercased surname key, skipping suffixes ("Jr.", "III").
    static func surnameKey(_ name: String) -> String? {
        if let key = asciiSurnameKey(name) { return key }
        var parts = words(name)
        while let last = parts.last, parts.count > 1, Lexicon.nameSuffixes.contains(last.lowercased()) { parts.removeLast() }
        return parts.last.map { $0.lowercased() }
    }

    /// `surnameKey` of an ASCII name without carriage returns (where characters are bytes), read
    /// on its UTF-8 bytes: the last word but suffixes, lowercased, with no array of words made.
    /// Nil for any other name, and `.some(nil)` for a name without words.
    private static func asciiSurnameKey(_ name: String) -> String?? {
        name.utf8.withContiguousStorageIfAvailable { utf8 -> String?? in
            var any: UInt8 = 0
            for byte in utf8 { any |= byte }
            guard any < 0x80, !utf8.contains(0x0D) else { return nil }
            func lowercased(_ range: Range<Int>) -> String {
                String(unsafeUninitializedCapacity: range.count) { buffer in
                    for (n, k) in range.enumerated() {
                        let byte = utf8[k]
                        buffer[n] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    }
                    return range.count
                }
            }
            // The word ending before `end` (exclusive), past the spaces before `end`.
            func word(before end: Int) -> Range<Int>? {
                var b = end
                while b > 0 && utf8[b - 1] == 0x20 { b -= 1 }
                guard b > 0 else { return nil }
                var a = b
                while a > 0 && utf8[a - 1] != 0x20 { a -= 1 }
                return a..<b
            }
            guard var last = word(before: utf8.count) else { return .some(nil) }
            var key = lowercased(last)
            while let previous = word(before: last.lowerBound), Lexicon.nameSuffixes.contains(key) {
                last = previous
                key = lowercased(last)
            }
            return .some(key)
        } ?? nil
    }

    /// The gender the first-name table gives a full name ("Clara Diaz": female), nil for one word or
    /// a first name of either gender.
    static func guessedGender(of name: String) -> Gender? {
        let parts = words(name)
        guard parts.count > 1, let first = parts.first else { return nil }
        switch FirstNames.table[first.lowercased()] {
        case "m": return .male
        case "f": return .female
        default: return nil
        }
    }

    mutating func register(_ name: String, gender: Gender?, titled: Bool = false) {
        guard let key = Self.surnameKey(name) else { return }
        if titled && !ScalarText.containsSpace(name) { titledWords.insert(key) }
        var list = bySurname[key] ?? []
        if !list.contains(name) { list.append(name) }
        bySurname[key] = list
        if let gender {
            learn(gender: gender, for: name)
        } else if genders[name.lowercased()] == nil, let guessed = Self.guessedGender(of: name) {
            genders[name.lowercased()] = (guessed, false)
        }
    }

    mutating func register(role: String, for name: String) {
        var holders = roleHolders[role] ?? []
        if !holders.contains(name) { holders.append(name) }
        roleHolders[role] = holders
    }

    /// Of the full names registered, the one whose surname the article capitalizes most often
    /// (the first registered wins a tie).
    func mostNamedPerson() -> String? {
        var best: (name: String, count: Int)?
        for (key, names) in bySurname.sorted(by: { $0.key < $1.key }) {
            guard let name = names.first(where: { ScalarText.containsSpace($0) }) else { continue }
            let count = capitalizedCounts[key] ?? 0
            if best == nil || count > best!.count { best = (fullName(for: name), count) }
        }
        return best?.name
    }

    func knows(_ surname: String) -> Bool { bySurname[surname.lowercased()] != nil }

    /// Whether `word` alone can name a person. Yes when it is the surname of a name of two or more
    /// words the article uses ("Hegseth" when it names "Pete Hegseth") or the article gives it a title
    /// somewhere ("Sen. Cruz"). No when the article also writes it in lowercase ("Later", "Growth"), it
    /// is a function word, a place, a people or an organisation ("Texas", "Americans", "Politico"), or
    /// it only ever opens a sentence ("Hours later, …"). Else yes: a first name ("Hillary"), a
    /// frequent surname ("Rubio"), or a name-like word the article uses more than once, in
    /// mid-sentence too ("Obama"; a brand named once, "Volkswagen said", stays a source).
    func vouchesFor(_ word: String) -> Bool {
        let key = word.lowercased()
        if isSurnameOfFullName(key) || titledWords.contains(key) { return true }
        guard !commonWords.contains(key), !Lexicon.stopCaps.contains(key), !Lexicon.introWords.contains(key),
              !Lexicon.auxiliaries.contains(key), !Lexicon.determiners.contains(key)
        else { return false }
        // A word the article only ever writes opening a sentence ("Tune in …", "Hours later") is a
        // capitalized common word, whatever the name tables hold.
        guard midSentenceWords.contains(key) else { return false }
        if FirstNames.table[key] != nil || Surnames.table.contains(key) { return true }
        if organisationWords.contains(key) { return false }
        let singular = key.hasSuffix("s") ? String(key.dropLast()) : key
        if Lexicon.places.contains(key) || Lexicon.outlets.contains(key) || Lexicon.orgWords.contains(key)
            || Lexicon.nationalities.contains(key) || Lexicon.nationalities.contains(singular) || Lexicon.sourceHeads.contains(key)
            || Lexicon.titles.contains(key) || key.hasSuffix("ans") || key.hasSuffix("ists")
            || (key != singular && bySurname[singular] != nil) || Self.isCamelCase(word) {
            return false
        }
        return (capitalizedCounts[key] ?? 0) >= 2 && word.unicodeScalars.contains { QuoteMarkScanner.isLowercase($0) }
    }

    /// A capital after three lowercase letters or more ("ReganBooks", "OpenDoorsNice"): a brand or
    /// a hashtag, not a surname ("McCain", "MacArthur", "DeMarco" are names).
    static func isCamelCase(_ word: String) -> Bool {
        var lowercaseRun = 0
        for scalar in word.unicodeScalars {
            if QuoteMarkScanner.isUppercase(scalar) {
                if lowercaseRun >= 3 { return true }
                lowercaseRun = 0
            } else if QuoteMarkScanner.isLowercase(scalar) {
                lowercaseRun += 1
            }
        }
        return false
    }

    /// Whether `word` is the surname of a name of two or more words the article uses.
    func isSurnameOfFullName(_ word: String) -> Bool {
        bySurname[word.lowercased()]?.contains(where: { ScalarText.containsSpace($0) }) ?? false
    }

    /// Records what the article says of a person's gender; it replaces a guess, not an earlier statement.
    mutating func learn(gender: Gender, for name: String) {
        let key = name.lowercased()
        if let known = genders[key], known.stated { return }
        genders[key] = (gender, true)
    }

    /// Records a gender the article's pronouns suggest ("Alex Morgan said her team …"), where neither
    /// a title nor the first-name table has given one: the pronoun may stand for someone else
    /// ("Bernard Fiala … trying to undermine her account").
    mutating func infer(gender: Gender, for name: String) {
        if genders[name.lowercased()] == nil { genders[name.lowercased()] = (gender, false) }
    }

    func gender(of name: String) -> Gender? { genders[name.lowercased()]?.gender }

    /// The longest registered name that ends with `name`'s words (first seen wins a tie).
    func fullName(for name: String) -> String {
        guard let key = Self.surnameKey(name), let list = bySurname[key] else { return name }
        // Names are single-spaced words: "ends with the words of" is a suffix after a space.
        func spaces(_ s: String) -> Int { s.utf8.reduce(0) { $1 == 0x20 ? $0 + 1 : $0 } }
        let tail = " " + name.lowercased()
        var best = name
        var bestCount = spaces(name)
        for candidate in list {
            let count = spaces(candidate)
            guard count > bestCount, Self.hasLowercasedSuffix(candidate, tail) else { continue }
            best = candidate
            bestCount = count
        }
        return best
    }

    /// `candidate.lowercased().hasSuffix(tail)`; for ASCII strings (characters are bytes there but
    /// for "\r\n") compared on the UTF-8 bytes, ASCII-lowercased on the way, with no string made.
    private static func hasLowercasedSuffix(_ candidate: String, _ tail: String) -> Bool {
        let answer = candidate.utf8.withContiguousStorageIfAvailable { c -> Bool? in
            tail.utf8.withContiguousStorageIfAvailable { t -> Bool? in
                var any: UInt8 = 0
                for byte in c { any |= byte }
                for byte in t { any |= byte }
                guard any < 0x80, !c.contains(0x0D), !t.contains(0x0D) else { return nil }
                guard t.count <= c.count else { return false }
                let offset = c.count - t.count
                for k in 0..<t.count {
                    var byte = c[offset + k]
                    if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                    if byte != t[k] { return false }
                }
                return true
            } ?? nil
        } ?? nil
        return answer ?? candidate.lowercased().hasSuffix(tail)
    }
}
