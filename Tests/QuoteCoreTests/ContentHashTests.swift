import QuoteCore
import Testing

/// The fingerprints the store holds must not change under a faster implementation: they are FNV-1a
/// over the bytes, each string followed by 0xff (nil as a NUL).
struct ContentHashTests {
    @Test func fingerprintsAreByteWiseFNV1a() {
        var bytes = ContentHash()
        bytes.update(Array("a".utf8))
        #expect(bytes.hex == "af63dc4c8601ec8c")
        #expect(ContentHash.of("a") == "089bc907b544c769")
        #expect(ContentHash.of("é", nil) == "a5e34e112b0e19a3")
        #expect(ContentHash.of("ab", "c") != ContentHash.of("a", "bc"))
    }
}
