/// Compares what an item said of each tracked statement at its last stored version with what it
/// says now, and names each change once (DESIGN §5).
///
/// Each event answers one question, so one change can raise several: a quote whose "5%" became
/// "3.5%" is a `quote.edited` and a `claim.changed`; the same words now given to someone else are an
/// `attribution.changed` alone, not a `quote.removed`.
public enum ChangeDetector {
    /// The changes between two versions of one item, and the states to store for the new version
    /// (each carrying the earlier wordings of its quote).
    ///
    /// - Parameters:
    ///   - previous: the stored states by statement id; empty for an item seen for the first time.
    ///   - current: the states of the new version, speaker check passed, by statement id.
    ///   - unattributed: for statements not in `current`, the best quote of the new version that would
    ///     match but for its speaker; lets a moved attribution be told from a removal.
    ///   - statementIDs: the statements configured now, in order; states of others are ignored.
    public static func compare(
        previous: [String: StatementState], current: [String: StatementState],
        unattributed: [String: StatementState], statementIDs: [String]
    ) -> (changes: [ItemChange], states: [String: StatementState]) {
        let order = Dictionary(statementIDs.enumerated().map { ($1, $0) }) { first, _ in first }
        return compare(previous: previous, current: current, unattributed: unattributed, statementOrder: order)
    }

    /// ``compare(previous:current:unattributed:statementIDs:)`` with the configured statements as
    /// id → position: the work grows with the statements the item quotes, not with all of them.
    public static func compare(
        previous: [String: StatementState], current: [String: StatementState],
        unattributed: [String: StatementState], statementOrder: [String: Int]
    ) -> (changes: [ItemChange], states: [String: StatementState]) {
        var changes: [ItemChange] = []
        var states = current
        let quoted = Set(previous.keys).union(current.keys).compactMap { id in statementOrder[id].map { (id, $0) } }
        for id in quoted.sorted(by: { $0.1 < $1.1 }).map(\.0) {
            switch (previous[id], current[id]) {
            case (nil, let new?):
                changes.append(ItemChange(type: .quoteNew, statementID: id, state: new))
            case (let old?, var new?):
                let oldWords = TextNormalizer.normalizedString(old.quote)
                let newWords = TextNormalizer.normalizedString(new.quote)
                if oldWords != newWords {
                    var history = old.history.filter { TextNormalizer.normalizedString($0) != newWords }
                    let reverted = history.count < old.history.count
                    history.append(old.quote)
                    new.history = Array(history.suffix(StatementState.historyLimit))
                    states[id] = new
                    let diff = WordDiff.render(from: old.quote, to: new.quote)
                    changes.append(ItemChange(
                        type: .quoteEdited, statementID: id, state: new, previous: old.quote,
                        detail: reverted ? "back to an earlier wording: " + diff : diff))
                } else {
                    new.history = old.history
                    states[id] = new
                }
                if let claim = claimChange(old.values, new.values) {
                    changes.append(ItemChange(
                        type: .claimChanged, statementID: id, state: new, previous: old.quote,
                        oldValues: claim.old, newValues: claim.new,
                        detail: claim.old.joined(separator: ", ") + " → " + claim.new.joined(separator: ", ")))
                }
            case (let old?, nil):
                if let moved = unattributed[id],
                   TextNormalizer.normalizedString(moved.quote) == TextNormalizer.normalizedString(old.quote),
                   StatementMatcher.nameWords(moved.speaker ?? "") != StatementMatcher.nameWords(old.speaker ?? "") {
                    changes.append(ItemChange(
                        type: .attributionChanged, statementID: id, state: moved, previous: old.speaker,
                        detail: "\(old.speaker ?? "unnamed") → \(moved.speaker ?? "unnamed")"))
                } else {
                    changes.append(ItemChange(type: .quoteRemoved, statementID: id, state: old))
                }
            case (nil, nil):
                continue
            }
        }
        return (changes, states)
    }

    /// The values that differ between two quotes of a statement, as written, or nil when the same
    /// values (with their units) appear in both.
    static func claimChange(_ old: [NumericValue], _ new: [NumericValue]) -> (old: [String], new: [String])? {
        var remaining = new
        var gone: [NumericValue] = []
        for value in old {
            if let match = remaining.firstIndex(where: { $0.value == value.value && $0.unit == value.unit }) {
                remaining.remove(at: match)
            } else {
                gone.append(value)
            }
        }
        // A number that only appeared or only vanished is an edit of the words, not a changed value.
        guard !gone.isEmpty, !remaining.isEmpty else { return nil }
        return (gone.map(\.text), remaining.map(\.text))
    }
}
