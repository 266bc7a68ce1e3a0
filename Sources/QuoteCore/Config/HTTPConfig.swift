/// The `http` section of the configuration (DESIGN §4, §8): where the daemon serves its read-only
/// pages, API and metrics, and the file holding the bearer token every request must then carry.
public struct HTTPConfig: Sendable, Hashable {
    /// The address to bind: an IPv4 or IPv6 literal, or `localhost`.
    public var host: String
    /// The TCP port; 0 lets the system choose one (the log says which).
    public var port: Int
    /// Absolute path of the file holding the bearer token; nil: no token, loopback only.
    public var tokenFile: String?

    public init(host: String, port: Int, tokenFile: String? = nil) {
        self.host = host
        self.port = port
        self.tokenFile = tokenFile
    }

    /// `listen` as written in the configuration: `127.0.0.1:8777`, `[::1]:8777`.
    public var listen: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Whether only this machine can reach the address: 127.0.0.0/8, ::1 or `localhost`.
    public var isLoopback: Bool {
        HTTPConfig.isLoopback(host)
    }

    public static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Parses `listen`: `HOST:PORT` with HOST an IPv4 literal or `localhost`, or `[IPv6]:PORT`.
    /// Returns the reason when it is not such an address.
    public static func parseListen(_ text: String) -> Result<(host: String, port: Int), ConfigIssue> {
        let bad = { (why: String) in Result<(host: String, port: Int), ConfigIssue>.failure(ConfigIssue(path: "", message: why)) }
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return bad("\"\(text)\" is not HOST:PORT; an IPv6 address goes in brackets, as in [::1]:8777")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }), host.contains(":") else {
                return bad("\"\(host)\" is not an IPv6 address")
            }
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                return bad("\"\(text)\" is not HOST:PORT, as in 127.0.0.1:8777 or [::1]:8777")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            let ipv4 = octets.count == 4 && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && UInt8($0) != nil }
            guard ipv4 || host.lowercased() == "localhost" else {
                return bad("\"\(host)\" is not an IP address (IPv4, [IPv6]) or localhost; quotewatch binds an address, not a host name")
            }
        }
        guard let port = Int(portText), (0...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            return bad("\"\(portText)\" is not a port number (0 to 65535)")
        }
        return .success((String(host), port))
    }
}
