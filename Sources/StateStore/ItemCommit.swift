public import Foundation
public import QuoteCore

/// What one reading of an item writes, in one transaction (``Store/commit(_:)``): the item's row, a
/// new version when its quotes changed, its statement states, its page's state, and the events,
/// which are assembled inside the transaction so that each `quote.new` knows where its statement was
/// first quoted, even when another feed quoted it a moment before.
public struct ItemCommit: Sendable {
    public var place: ItemPlace
    public var seen: Date
    /// A new version to keep, or nil (the quotes did not change, or nothing was read whole).
    public var version: ItemVersion?
    /// The states to store in place of the old ones; nil keeps them.
    public var states: [String: StatementState]?
    /// The page's new state; nil keeps it.
    public var page: PageState?
    /// The statements whose `quote.new` needs its first appearance.
    public var newStatements: [String]
    /// Builds the events from the first appearances (statement id → where it was first quoted
    /// before this item); run inside the transaction.
    public var events: @Sendable ([String: FirstAppearance]) -> [ChangeEvent]

    public init(
        place: ItemPlace, seen: Date, version: ItemVersion? = nil, states: [String: StatementState]? = nil, page: PageState? = nil,
        newStatements: [String] = [], events: @escaping @Sendable ([String: FirstAppearance]) -> [ChangeEvent] = { _ in [] }
    ) {
        self.place = place
        self.seen = seen
        self.version = version
        self.states = states
        self.page = page
        self.newStatements = newStatements
        self.events = events
    }
}
