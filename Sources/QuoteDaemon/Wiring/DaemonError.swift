/// A failure the daemon or a command reports to the user as one sentence, with the exit code of
/// DESIGN §3: 1 for a user error (bad config, unknown feed, daemon not running), 2 for an internal one.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}
