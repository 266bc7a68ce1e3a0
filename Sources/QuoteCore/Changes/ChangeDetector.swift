/// The one place that decides what changed (DESIGN §5): a state machine over the stored state of
/// each tracked statement in an item and the current ``Observation`` of that item, returning the
/// changes and the states to store.
///
/// The transitions, per statement S of item I:
/// - no state, a match → `quote.new`;
/// - a state, a quote of S again (matched, or tracked: failing only its speaker or its polarity) →
///   `quote.edited` when the words or the polarity changed (`reversed` for the polarity),
///   `claim.changed` when a value changed, `attribution.changed` when another person (or nobody)
///   is now its speaker; each is its own event, and the state follows the quote whatever it became;
/// - a state, no quote of S → `quote.removed` when the text was read whole; held when it was not
///   (``Observation/Reading/partial``, ``Observation/Reading/unread``); dropped without an event when
///   the statement changed (``Observation/Reading/restatement``);
/// - a statement no longer configured → its state dropped, no event.
///
/// Each event answers one question, so one change can raise several: "5%" becoming "3.5%" is a
/// `quote.edited` and a `claim.changed`; the same words given to someone else are an
/// `attribution.changed` alone.
public enum ChangeDetector {
    /// The changes of one reading and the states to store after it.
    public struct Detection: Sendable, Hashable {
        /// In the configured order of the statements.
        public var changes: [ItemChange] = []
        /// The state of every configured statement the item quotes (or holds), by statement id.
        public var states: [String: StatementState] = [:]
    }

    /// Compares the stored states of an item with a new reading of it.
    /// - Parameters:
    ///   - previous: the stored states by statement id; empty for an item seen for the first time.
    ///   - observation: what the new reading shows.
    ///   - statements: the statements configured now; states of others are dropped.
    public static func detect(previous: [String: StatementState], observation: Observation, statements: StatementMatcher) -> Detection {
        var detection = Detection()
        var ids = Set(previous.keys).union(observation.matched.keys)
        if !previous.isEmpty { ids.formUnion(observation.tracked.keys) }
        let ordered = ids.compactMap { id in statements.position(of: id).map { (id, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
        for id in ordered {
            let old = previous[id]
            let new = observation.matched[id] ?? (old == nil ? nil : observation.tracked[id])
            switch (old, new) {
            case (nil, nil):
                continue
            case (nil, let new?):
                guard observation.reading != .unread else { continue }
                detection.states[id] = new
                detection.changes.append(ItemChange(type: .quoteNew, statementID: id, state: new))
            case (let old?, nil):
                switch observation.reading {
                case .whole:
                    detection.changes.append(ItemChange(type: .quoteRemoved, statementID: id, state: old))
                case .partial, .unread:
                    detection.states[id] = old
                case .restatement:
                    continue
                }
            case (let old?, let new?):
                if observation.reading == .restatement {
                    // The statement changed, not the item: follow the quote quietly.
                    detection.states[id] = sameWords(old, new) ? old : withHistory(new, after: old)
                    continue
                }
                let (state, changes) = compare(old, new, statement: statements.statement(id: id))
                detection.states[id] = state
                detection.changes += changes
            }
        }
        return detection
    }

    /// The events between two quotes of one statement in one item, and the state to keep.
    static func compare(_ old: StatementState, _ new: StatementState, statement: Statement?) -> (StatementState, [ItemChange]) {
        let id = old.statementID
        var state = new
        var changes: [ItemChange] = []
        let reversed = old.reversed != new.reversed
        if !sameWords(old, new) || reversed {
            let newWords = TextNormalizer.normalizedString(new.quote)
            let reverted = old.history.contains { TextNormalizer.normalizedString($0) == newWords }
            state = withHistory(new, after: old)
            let diff = WordDiff.render(from: old.quote, to: new.quote)
            var notes: [String] = []
            if reverted { notes.append("back to an earlier wording") }
            if reversed { notes.append("meaning reversed") }
            changes.append(ItemChange(
                type: .quoteEdited, statementID: id, state: state, previous: old.quote,
                detail: notes.isEmpty ? diff : notes.joined(separator: ", ") + ": " + diff, reversed: reversed))
        } else {
            state.history = old.history
        }
        if let claim = claimChange(old.values, new.values) {
            changes.append(ItemChange(
                type: .claimChanged, statementID: id, state: state, previous: old.quote,
                oldValues: claim.old, newValues: claim.new,
                detail: claim.old.joined(separator: ", ") + " → " + claim.new.joined(separator: ", ")))
        }
        if !SpeakerIdentity.same(old.speaker, new.speaker, statement: statement) {
            changes.append(ItemChange(
                type: .attributionChanged, statementID: id, state: state, previous: old.speaker,
                detail: "\(old.speaker ?? "unnamed") → \(new.speaker ?? "unnamed")"))
        }
        return (state, changes)
    }

    private static func sameWords(_ old: StatementState, _ new: StatementState) -> Bool {
        TextNormalizer.normalizedString(old.quote) == TextNormalizer.normalizedString(new.quote)
    }

    /// `new` carrying the earlier wordings of `old`, `old`'s own among them (at most
    /// ``StatementState/historyLimit``), without the one `new` returns to.
    private static func withHistory(_ new: StatementState, after old: StatementState) -> StatementState {
        let newWords = TextNormalizer.normalizedString(new.quote)
        var history = old.history.filter { TextNormalizer.normalizedString($0) != newWords }
        if TextNormalizer.normalizedString(old.quote) != newWords { history.append(old.quote) }
        var state = new
        state.history = Array(history.suffix(StatementState.historyLimit))
        return state
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
