import Foundation

/// One request line of the control socket: `{"command": "refresh", "feeds": [...], "wait": true}`
/// or `{"command": "status"}`.
public enum ControlRequest: Sendable, Equatable {
    /// Refresh these feeds (nil: all) now; with `wait`, report each feed's progress until done.
    case refresh(feeds: [String]?, wait: Bool)
    /// A short summary of the daemon's state.
    case status

    private struct Wire: Decodable {
        var command: String
        var feeds: [String]?
        var wait: Bool?
    }

    /// Reads one request line.
    /// - Throws: ``DaemonError`` with one sentence saying what is wrong with the line.
    public init(line: [UInt8]) throws(DaemonError) {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(line))
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, _):
                throw DaemonError("the request has no \"\(key.stringValue)\"")
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                guard let key = context.codingPath.first?.stringValue else {
                    throw DaemonError("a request is one JSON object on one line")
                }
                throw DaemonError("\"\(key)\" must be \(ControlRequest.expected[key] ?? "of another type")")
            case .dataCorrupted:
                throw DaemonError("the request is not valid JSON; send one JSON object per line")
            @unknown default:
                throw DaemonError("the request cannot be read: \(error)")
            }
        } catch {
            throw DaemonError("the request cannot be read: \(error)")
        }
        switch wire.command {
        case "refresh":
            self = .refresh(feeds: wire.feeds, wait: wire.wait ?? false)
        case "status":
            self = .status
        default:
            throw DaemonError("unknown command \"\(wire.command)\"; use refresh or status")
        }
    }

    private static let expected = ["command": "a string", "feeds": "a list of feed ids", "wait": "true or false"]
}
