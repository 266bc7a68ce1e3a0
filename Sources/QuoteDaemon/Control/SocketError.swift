import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A failed socket call, with the call's name, the socket's path and the C error.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, beyond the errno of a failed call.
    public enum Kind: Sendable, Equatable {
        /// A C call failed with this errno.
        case system(errno: Int32)
        /// The path does not fit in `sockaddr_un.sun_path`.
        case pathTooLong
        /// The peer sent more than the allowed bytes without a line break.
        case lineTooLong(limit: Int)
        /// Nothing (or not a whole line) arrived in time, or the peer did not read in time.
        case timedOut
    }

    public var kind: Kind
    /// The C call (`connect`, `bind`, ...) or the operation that failed.
    public var call: String
    public var path: String

    public init(_ kind: Kind, call: String, path: String) {
        self.kind = kind
        self.call = call
        self.path = path
    }

    /// An error for the errno of the call that just failed.
    static func last(_ call: String, path: String) -> SocketError {
        SocketError(.system(errno: Glibc.errno), call: call, path: path)
    }

    /// The errno, for the kinds that have one.
    public var code: Int32? {
        if case .system(let code) = kind { return code }
        return nil
    }

    public var description: String {
        switch kind {
        case .system(let code): "\(call) \(path): \(String(cString: strerror(code)))"
        case .pathTooLong: "the socket path \(path) is longer than \(UnixSocket.maxPathBytes) bytes"
        case .lineTooLong(let limit): "a line from \(path) was longer than \(limit) bytes"
        case .timedOut: "\(call) \(path): timed out"
        }
    }
}
