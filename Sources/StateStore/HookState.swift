public import Foundation

/// What the store knows of one hook's deliveries, for `status`.
public struct HookState: Sendable, Hashable {
    public var id: String
    /// Deliveries waiting.
    public var pending: Int
    /// Since when its deliveries fail (nil while they go out).
    public var failingSince: Date?
    public var lastError: String?
    public var lastDelivered: Date?
    /// Deliveries made in all.
    public var delivered: Int
    /// When the next waiting delivery is tried.
    public var nextTry: Date?

    public init(id: String, pending: Int = 0, failingSince: Date? = nil, lastError: String? = nil, lastDelivered: Date? = nil,
                delivered: Int = 0, nextTry: Date? = nil) {
        self.id = id
        self.pending = pending
        self.failingSince = failingSince
        self.lastError = lastError
        self.lastDelivered = lastDelivered
        self.delivered = delivered
        self.nextTry = nextTry
    }
}
