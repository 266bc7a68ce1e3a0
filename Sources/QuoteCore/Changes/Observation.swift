/// What one reading of an item shows of the tracked statements: the input of ``ChangeDetector``.
///
/// Built by ``ItemAnalyzer`` from the item's quotes, or ``Observation/unread`` when nothing could be
/// read (a failed page fetch, a teaser of the earlier text).
public struct Observation: Sendable, Hashable {
    /// How much of the item this reading saw, which decides what the absence of a quote means.
    public enum Reading: Sendable, Hashable {
        /// The whole text: a statement the item quoted before and quotes no more is removed.
        case whole
        /// Part of the text (cut by a limit): what was read counts; a statement not found is held.
        case partial
        /// Nothing new (the page failed, the text became a teaser of the earlier one): every state
        /// is held and nothing is new.
        case unread
        /// The same stored version read again because tracked statements were added or changed:
        /// a match is a `quote.new`; a state that no longer matches goes without an event, since
        /// the item did not change.
        case restatement
    }

    /// The best quote per statement that passes every guard, by statement id.
    public var matched: [String: StatementState]
    /// For statements the item quoted before: the best quote that would match but for its speaker
    /// or its polarity (``StatementState/speaker``, ``StatementState/reversed``), so that a moved
    /// attribution or a reversed meaning is told from a removal.
    public var tracked: [String: StatementState]
    public var reading: Reading

    public init(matched: [String: StatementState] = [:], tracked: [String: StatementState] = [:], reading: Reading = .whole) {
        self.matched = matched
        self.tracked = tracked
        self.reading = reading
    }

    /// A version that could not be read: every state held.
    public static let unread = Observation(reading: .unread)
}
