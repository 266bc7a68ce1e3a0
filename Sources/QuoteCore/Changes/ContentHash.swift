/// A fast 64-bit content fingerprint (FNV-1a) for change detection: an unchanged feed body or item
/// ends its trip early. Not a security hash; collisions only cost a missed re-read of the same text.
///
/// The bytes are hashed from contiguous storage in one tight loop: the unchanged cycle is almost
/// all hashing of feed bodies, and a generic `Sequence` walk ran unspecialized across modules (an
/// iterator call and witness-table lookups per byte). The fingerprints are those of the byte-wise
/// FNV-1a the store already holds.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds bytes to the fingerprint.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var state = self.state
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
        self.state = state
    }

    /// Adds bytes to the fingerprint.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds a string's UTF-8 and a separator, so ("ab", "c") and ("a", "bc") differ.
    public mutating func update(_ text: String?) {
        var text = text ?? "\u{0}"
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0xff)) { update($0) }
    }

    /// The fingerprint as 16 hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The fingerprint of the given strings, in order.
    public static func of(_ parts: String?...) -> String {
        var hash = ContentHash()
        for part in parts { hash.update(part) }
        return hash.hex
    }
}
