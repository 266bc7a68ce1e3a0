/// A `postgresql://` URL that cannot be used.
public struct PostgresURLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
