import Foundation

/// The configuration in force, swapped whole on reload; readers always see one complete version.
public final class ConfigBox: @unchecked Sendable {
    private let lock = NSLock()
    private var active: ActiveConfig

    public init(_ active: ActiveConfig) {
        self.active = active
    }

    public var current: ActiveConfig {
        lock.lock()
        defer { lock.unlock() }
        return active
    }

    public func replace(with new: ActiveConfig) {
        lock.lock()
        defer { lock.unlock() }
        active = new
    }
}
