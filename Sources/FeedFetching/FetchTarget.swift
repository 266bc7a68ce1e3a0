import Foundation

/// A request's URL checked and made ready for curl: plain absolute paths become percent-encoded
/// `file://` URLs, and only http, https and file pass.
struct FetchTarget: Sendable, Equatable {
    /// The URL handed to curl.
    var curlURL: String
    /// Whether the configured URL names a local file (a `file://` URL or a plain path).
    var isFile: Bool
    /// For files: the path on disk, decoded, for error messages and checks.
    var filePath: String?
    /// For http(s): `host:port` as written (lowercased), the key of the per-host limit; "" for files.
    var hostKey: String

    /// Checks `url` and builds the target, or throws `.invalidURL` / `.protocolNotAllowed`.
    /// `smtp` and `smtps` pass only with `mail`.
    init(_ url: String, mail: Bool = false) throws(FetchError) {
        if url.isEmpty { throw .invalidURL(url: url, why: "no URL given") }
        if url.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw .invalidURL(url: url, why: "the URL contains control characters")
        }
        if url.hasPrefix("/") {
            curlURL = "file://" + FetchTarget.percentEncodePath(url)
            isFile = true
            filePath = url
            hostKey = ""
            return
        }
        guard let colon = url.firstIndex(of: ":") else {
            throw .invalidURL(url: url, why: "not an absolute URL (http://, https://, file://) or an absolute path")
        }
        let scheme = url[..<colon].lowercased()
        let isScheme =
            !scheme.isEmpty && scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
        guard isScheme else {
            throw .invalidURL(url: url, why: "not an absolute URL (http://, https://, file://) or an absolute path")
        }
        switch scheme {
        case "http", "https":
            guard url[colon...].hasPrefix("://") else { throw .invalidURL(url: url, why: "expected \(scheme)://host/…") }
            curlURL = url
            isFile = false
            filePath = nil
            hostKey = FetchTarget.authority(of: url[url.index(colon, offsetBy: 3)...], scheme: scheme)
        case "file":
            guard url[colon...].hasPrefix("://") else { throw .invalidURL(url: url, why: "expected file:///path") }
            curlURL = url
            isFile = true
            var rest = url[url.index(colon, offsetBy: 3)...]
            if rest.hasPrefix("localhost/") { rest = rest.dropFirst("localhost".count) }
            filePath = String(rest).removingPercentEncoding ?? String(rest)
            hostKey = ""
        case "smtp", "smtps" where mail:
            guard url[colon...].hasPrefix("://") else { throw .invalidURL(url: url, why: "expected \(scheme)://host") }
            curlURL = url
            isFile = false
            filePath = nil
            hostKey = FetchTarget.authority(of: url[url.index(colon, offsetBy: 3)...], scheme: scheme)
        default:
            throw .notAllowed(url: url, scheme: scheme)
        }
    }

    /// Whether the host is this machine (127.0.0.0/8, ::1 or localhost).
    var isLoopback: Bool {
        var host = hostKey
        if host.hasPrefix("[") { host = String(host.dropFirst().prefix { $0 != "]" }) } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `host:port` of an authority (what follows `scheme://`), without user info, lowercased, default port filled in.
    static func authority(of rest: Substring, scheme: String) -> String {
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let lowered = authority.lowercased()
        let hasPort = lowered.hasPrefix("[") ? lowered.contains("]:") : lowered.contains(":")
        let port = ["https": ":443", "smtp": ":25", "smtps": ":465"][scheme] ?? ":80"
        return hasPort ? lowered : lowered + port
    }

    /// Percent-encodes everything in `path` but unreserved characters and `/`.
    static func percentEncodePath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
