import Foundation

/// The bearer token of `http.tokenFile` (DESIGN §8): the file's text without the white space
/// around it, compared in constant time.
public struct WebToken: Sendable {
    let bytes: [UInt8]

    /// The token in `path`; nil when the file cannot be read or holds only white space.
    public static func read(_ path: String) -> WebToken? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : WebToken(bytes: Array(text.utf8))
    }

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether an `Authorization` header value is `Bearer` and this token (the scheme
    /// case-insensitive, RFC 6750), comparing every byte whatever the first difference.
    func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let given = Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)
        var difference = UInt8(given.count == bytes.count ? 0 : 1)
        for index in 0..<bytes.count {
            difference |= bytes[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
