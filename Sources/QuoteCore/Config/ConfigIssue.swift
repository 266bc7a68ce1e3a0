/// One problem found in a configuration, named by its JSON path (`feeds[3].url`).
public struct ConfigIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the offending value; empty for the document as a whole.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}

/// Every problem found while loading a configuration; thrown by ``ConfigLoader``.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the configuration came from, for messages.
    public var source: String
    public var issues: [ConfigIssue]

    public init(source: String, issues: [ConfigIssue]) {
        self.source = source
        self.issues = issues
    }

    /// One line per issue, each prefixed with the file name.
    public var description: String {
        issues.map { "\(source): \($0)" }.joined(separator: "\n")
    }
}
