import Synchronization

/// The configuration in force, swapped whole on reload; readers always see one complete version.
public final class ConfigBox: Sendable {
    private let active: Mutex<ActiveConfig>

    public init(_ active: ActiveConfig) {
        self.active = Mutex(active)
    }

    public var current: ActiveConfig {
        active.withLock { $0 }
    }

    public func replace(with new: ActiveConfig) {
        active.withLock { $0 = new }
    }
}
