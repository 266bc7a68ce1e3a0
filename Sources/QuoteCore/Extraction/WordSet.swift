import Foundation

/// A fixed set of words for membership tests on the attribution's hot path, answering what
/// `Set<String>.contains` answers, faster.
///
/// `Set<String>` hashes every probe with the seeded SipHash of `Hasher` and compares by canonical
/// equivalence; the attribution asks the `Lexicon` lists several times per token, and that hashing
/// was the largest single cost of extraction. Here an ASCII probe (nearly every word) is hashed
/// with FNV-1a over its UTF-8 bytes and compared byte for byte against the ASCII entries, in an
/// open-addressing table: for ASCII text, canonical equivalence is byte equality, and a non-ASCII
/// entry whose canonical decomposition is ASCII is entered under that ASCII form. A probe with
/// any non-ASCII byte asks the `Set<String>` it was built from.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    /// The words as given: the answer for non-ASCII probes.
    let set: Set<String>
    /// Slot → index into `offsets` + 1 (0: empty); the table's size is a power of two.
    private let slots: [Int32]
    /// Entry k is `bytes[offsets[k]..<offsets[k + 1]]`, with its hash in `hashes[k]`.
    private let offsets: [Int32]
    private let bytes: [UInt8]
    private let hashes: [UInt64]
    private let mask: Int

    init(_ set: Set<String>) {
        self.set = set
        var ascii: [String] = []
        for word in set {
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                ascii.append(word)
            } else {
                let decomposed = word.decomposedStringWithCanonicalMapping
                if decomposed.utf8.allSatisfy({ $0 < 0x80 }) { ascii.append(decomposed) }
            }
        }
        var size = 8
        while size < ascii.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        var offsets: [Int32] = [0]
        var bytes: [UInt8] = []
        var hashes: [UInt64] = []
        for word in ascii {
            let utf8 = Array(word.utf8)
            let hash = Self.hash(utf8.withUnsafeBufferPointer { UnsafeRawBufferPointer($0) })
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            bytes.append(contentsOf: utf8)
            hashes.append(hash)
            offsets.append(Int32(bytes.count))
            slots[slot] = Int32(hashes.count)
        }
        self.slots = slots
        self.offsets = offsets
        self.bytes = bytes
        self.hashes = hashes
        mask = size - 1
    }

    init(arrayLiteral elements: String...) {
        self.init(Set(elements))
    }

    /// FNV-1a, 64 bits.
    @inline(__always)
    private static func hash(_ utf8: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    func contains(_ word: String) -> Bool {
        let found = word.utf8.withContiguousStorageIfAvailable { utf8 -> Bool? in
            var any: UInt8 = 0
            for byte in utf8 { any |= byte }
            guard any < 0x80 else { return nil }
            return contains(ascii: UnsafeRawBufferPointer(utf8))
        }
        if let found, let answer = found { return answer }
        return set.contains(word)
    }

    private func contains(ascii utf8: UnsafeRawBufferPointer) -> Bool {
        let hash = Self.hash(utf8)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return false }
            if hashes[entry - 1] == hash {
                let start = Int(offsets[entry - 1])
                let end = Int(offsets[entry])
                if end - start == utf8.count {
                    let same = bytes.withUnsafeBufferPointer { stored in
                        utf8.count == 0 || memcmp(stored.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0
                    }
                    if same { return true }
                }
            }
            slot = (slot + 1) & mask
        }
    }
}
