/// A read position in the ASCII bytes of a date, shared by ``FeedDate``'s byte-level readers.
struct DateCursor {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The byte at the read position, nil at the end.
    var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past every `byte` that comes next.
    mutating func skip(_ byte: UInt8) {
        while next == byte { index += 1 }
    }

    /// The next `count` bytes as a decimal number, moving past them; nil, without moving, when they
    /// are not all digits or the text ends first.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<(index + count)] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// Moves past `byte` when it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
