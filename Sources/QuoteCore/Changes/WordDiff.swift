/// A word-level diff of two wordings, for `quote.edited` log lines: `must be [-stronger-]{+strong+} now`.
public enum WordDiff {
    /// Words longer than this on either side are summarized instead of aligned (the alignment is quadratic).
    static let maximumWords = 400

    /// One run of a diff: words both wordings share, or removed, or added.
    public enum Piece: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The new wording with removed words in `[-…-]` and added words in `{+…+}`.
    public static func render(from old: String, to new: String) -> String {
        pieces(from: old, to: new).map { piece in
            switch piece {
            case .same(let words): words
            case .removed(let words): "[-" + words + "-]"
            case .added(let words): "{+" + words + "+}"
            }
        }.joined(separator: " ")
    }

    /// The new wording as HTML: removed words in `<del>`, added words in `<ins>`, every word escaped
    /// (the Atom feed's entries and the web's timeline).
    public static func html(from old: String, to new: String) -> String {
        pieces(from: old, to: new).map { piece in
            switch piece {
            case .same(let words): EventFeed.escape(words)
            case .removed(let words): "<del>" + EventFeed.escape(words) + "</del>"
            case .added(let words): "<ins>" + EventFeed.escape(words) + "</ins>"
            }
        }.joined(separator: " ")
    }

    /// The diff as runs of words, removals before additions where both are at one place.
    public static func pieces(from old: String, to new: String) -> [Piece] {
        let a = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = new.split(whereSeparator: \.isWhitespace).map(String.init)
        guard a.count <= maximumWords, b.count <= maximumWords else {
            return [.removed(old), .added(new)]
        }
        // Longest common subsequence table, filled from the ends.
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var parts: [Piece] = []
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            if !removed.isEmpty { parts.append(.removed(removed.joined(separator: " "))) }
            if !added.isEmpty { parts.append(.added(added.joined(separator: " "))) }
            removed = []
            added = []
        }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                flush()
                parts.append(.same(a[i]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                added.append(b[j])
                j += 1
            } else {
                removed.append(a[i])
                i += 1
            }
        }
        flush()
        return parts
    }
}
