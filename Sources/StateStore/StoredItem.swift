public import QuoteCore

/// The last stored version of an item: enough to skip an unchanged one and to compare a changed one.
public struct StoredItem: Sendable, Hashable {
    public var contentHash: String
    /// The statement states of that version, by statement id.
    public var states: [String: StatementState]

    public init(contentHash: String, states: [String: StatementState]) {
        self.contentHash = contentHash
        self.states = states
    }
}
