import Foundation

/// A fixed set of words for membership tests on the attribution's hot path, answering what
/// `Set<String>.contains` answers, faster; each word may carry bits (`value(of:)`, what
/// `Dictionary<String, UInt32>` would answer).
///
/// `Set<String>` hashes every probe with the seeded SipHash of `Hasher` and compares by canonical
/// equivalence; the attribution asks the `Lexicon` lists several times per token, and that hashing
/// was the largest single cost of extraction. Here an ASCII probe (nearly every word) is hashed
/// with FNV-1a over its UTF-8 bytes and compared byte for byte against the ASCII entries, in an
/// open-addressing table: for ASCII text, canonical equivalence is byte equality, and a non-ASCII
/// entry whose canonical decomposition is ASCII is entered under that ASCII form. A probe with
/// any non-ASCII byte asks the `Dictionary<String, UInt32>` it was built from.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    /// The words as given, with their bits: the answer for non-ASCII probes.
    private let table: [String: UInt32]
    /// Slot → index into `offsets` + 1 (0: empty); the table's size is a power of two.
    private let slots: [Int32]
    /// Entry k is `bytes[offsets[k]..<offsets[k + 1]]`, with its hash in `hashes[k]` and its bits
    /// in `values[k]`.
    private let offsets: [Int32]
    private let values: [UInt32]
    private let bytes: [UInt8]
    private let hashes: [UInt64]
    private let mask: Int

    init(_ set: Set<String>) {
        self.init(values: Dictionary(uniqueKeysWithValues: set.map { ($0, UInt32(1)) }))
    }

    /// Words with bits; `value(of:)` answers a word's bits, 0 for a word not in the set.
    init(values table: [String: UInt32]) {
        self.table = table
        // The ASCII forms, bits merged where two entries have the same one.
        var ascii: [String: UInt32] = [:]
        for (word, value) in table {
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                ascii[word, default: 0] |= value
            } else {
                let decomposed = word.decomposedStringWithCanonicalMapping
                if decomposed.utf8.allSatisfy({ $0 < 0x80 }) { ascii[decomposed, default: 0] |= value }
            }
        }
        var size = 8
        while size < ascii.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        var offsets: [Int32] = [0]
        var bytes: [UInt8] = []
        var hashes: [UInt64] = []
        var values: [UInt32] = []
        for (word, value) in ascii {
            let utf8 = Array(word.utf8)
            let hash = Self.hash(utf8.withUnsafeBufferPointer { UnsafeRawBufferPointer($0) })
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            bytes.append(contentsOf: utf8)
            hashes.append(hash)
            values.append(value)
            offsets.append(Int32(bytes.count))
            slots[slot] = Int32(hashes.count)
        }
        self.slots = slots
        self.offsets = offsets
        self.bytes = bytes
        self.hashes = hashes
        self.values = values
        mask = size - 1
    }

    /// The words of the set.
    var words: Dictionary<String, UInt32>.Keys { table.keys }

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
        value(of: word) != 0
    }

    /// The bits of `word`, 0 when it is not in the set.
    func value(of word: String) -> UInt32 {
        let found = word.utf8.withContiguousStorageIfAvailable { utf8 -> UInt32? in
            var any: UInt8 = 0
            for byte in utf8 { any |= byte }
            guard any < 0x80 else { return nil }
            return value(ascii: UnsafeRawBufferPointer(utf8))
        }
        if let found, let answer = found { return answer }
        return table[word] ?? 0
    }

    private func value(ascii utf8: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(utf8)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return 0 }
            if hashes[entry - 1] == hash {
                let start = Int(offsets[entry - 1])
                let end = Int(offsets[entry])
                if end - start == utf8.count {
                    let same = bytes.withUnsafeBufferPointer { stored in
                        utf8.count == 0 || memcmp(stored.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0
                    }
                    if same { return values[entry - 1] }
                }
            }
            slot = (slot + 1) & mask
        }
    }
}
