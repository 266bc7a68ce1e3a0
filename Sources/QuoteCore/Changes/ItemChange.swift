/// One change ``ChangeDetector`` found in an item for one statement, before it becomes a
/// ``ChangeEvent`` (which adds the feed, the item and the time).
public struct ItemChange: Sendable, Hashable {
    public var type: EventType
    public var statementID: String
    /// The state now: for `quote.removed`, the state that was removed.
    public var state: StatementState
    /// The earlier words or speaker, per ``ChangeEvent/previous``.
    public var previous: String?
    public var oldValues: [String]?
    public var newValues: [String]?
    public var detail: String?
    /// `quote.edited`: the meaning was reversed.
    public var reversed: Bool

    public init(
        type: EventType, statementID: String, state: StatementState, previous: String? = nil,
        oldValues: [String]? = nil, newValues: [String]? = nil, detail: String? = nil, reversed: Bool = false
    ) {
        self.type = type
        self.statementID = statementID
        self.state = state
        self.previous = previous
        self.oldValues = oldValues
        self.newValues = newValues
        self.detail = detail
        self.reversed = reversed
    }
}
