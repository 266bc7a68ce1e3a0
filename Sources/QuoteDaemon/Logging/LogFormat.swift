import Foundation

/// How log lines are written to stderr.
public enum LogFormat: String, Sendable, CaseIterable {
    /// Human lines; under systemd (stderr is the journal stream) with `<N>` priority prefixes and no
    /// timestamp, elsewhere with a timestamp.
    case text
    /// One JSON object per line.
    case json
}
