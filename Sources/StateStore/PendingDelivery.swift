public import Foundation
public import QuoteCore

/// One event waiting to go out through one hook (DESIGN §9).
public struct PendingDelivery: Sendable, Hashable {
    /// The queue row's id.
    public var id: Int64
    public var hook: String
    public var event: ChangeEvent
    /// Tries so far, all failed.
    public var attempts: Int
    /// Not before this time.
    public var nextTry: Date
    public var lastError: String?

    public init(id: Int64, hook: String, event: ChangeEvent, attempts: Int, nextTry: Date, lastError: String?) {
        self.id = id
        self.hook = hook
        self.event = event
        self.attempts = attempts
        self.nextTry = nextTry
        self.lastError = lastError
    }
}
