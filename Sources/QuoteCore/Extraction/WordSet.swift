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
    /// One ASCII entry in its slot: its hash, where its bytes are in `bytes`, its bits. A probe reads
    /// one slot (one cache line) and compares bytes only when the hash and the length agree.
    private struct Entry {
        var hash: UInt64 = 0
        var start: Int32 = 0
        /// The entry's length in bytes; -1 for an empty slot.
        var count: Int32 = -1
        var value: UInt32 = 0
    }
    /// The open-addressing table (a power of two in size); the entries' bytes, back to back.
    private let slots: [Entry]
    private let bytes: [UInt8]
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
        var slots = [Entry](repeating: Entry(), count: size)
        var bytes: [UInt8] = []
        for (word, value) in ascii {
            let utf8 = Array(word.utf8)
            let hash = Self.hash(utf8.withUnsafeBufferPointer { UnsafeRawBufferPointer($0) })
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot].count >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Entry(hash: hash, start: Int32(bytes.count), count: Int32(utf8.count), value: value)
            bytes.append(contentsOf: utf8)
        }
        self.slots = slots
        self.bytes = bytes
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
            // FNV-1a as `hash` computes it, and whether any byte is beyond ASCII, in one pass.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var any: UInt8 = 0
            for byte in utf8 {
                any |= byte
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            guard any < 0x80 else { return nil }
            return value(ascii: UnsafeRawBufferPointer(utf8), hash: hash)
        }
        if let found, let answer = found { return answer }
        return table[word] ?? 0
    }

    private func value(ascii utf8: UnsafeRawBufferPointer, hash: UInt64) -> UInt32 {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry.count < 0 { return 0 }
                if entry.hash == hash && Int(entry.count) == utf8.count {
                    let same = utf8.count == 0 || bytes.withUnsafeBufferPointer { stored in
                        memcmp(stored.baseAddress! + Int(entry.start), utf8.baseAddress!, utf8.count) == 0
                    }
                    if same { return entry.value }
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
