/// The people an article names, so that "Hegseth", "Mr. Hegseth" or "Secretary Hegseth" resolve to the
/// fullest form the article uses ("Pete Hegseth").
struct NameRegistry {
    enum Gender { case male, female }

    private var bySurname: [String: [String]] = [:]
    private(set) var genders: [String: Gender] = [:]

    static func words(_ name: String) -> [Substring] { name.split(separator: " ") }

    /// Lowercased surname key, skipping suffixes ("Jr.", "III").
    static func surnameKey(_ name: String) -> String? {
        var parts = words(name)
        while let last = parts.last, parts.count > 1, Lexicon.nameSuffixes.contains(last.lowercased()) { parts.removeLast() }
        return parts.last.map { $0.lowercased() }
    }

    mutating func register(_ name: String, gender: Gender?) {
        guard let key = Self.surnameKey(name) else { return }
        var list = bySurname[key] ?? []
        if !list.contains(name) { list.append(name) }
        bySurname[key] = list
        if let gender { genders[name.lowercased()] = gender }
    }

    func knows(_ surname: String) -> Bool { bySurname[surname.lowercased()] != nil }

    mutating func learn(gender: Gender, for name: String) {
        if genders[name.lowercased()] == nil { genders[name.lowercased()] = gender }
    }

    func gender(of name: String) -> Gender? { genders[name.lowercased()] }

    /// The longest registered name that ends with `name`'s words (first seen wins a tie).
    func fullName(for name: String) -> String {
        guard let key = Self.surnameKey(name), let list = bySurname[key] else { return name }
        let want = Self.words(name).map { $0.lowercased() }
        var best = name
        var bestCount = want.count
        for candidate in list {
            let have = Self.words(candidate).map { $0.lowercased() }
            guard have.count > bestCount, Array(have.suffix(want.count)) == want else { continue }
            best = candidate
            bestCount = have.count
        }
        return best
    }
}
