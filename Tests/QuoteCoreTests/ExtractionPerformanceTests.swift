import QuoteCore
import Testing

@Suite("Extraction: performance")
struct ExtractionPerformanceTests {
    /// Extraction time must grow about linearly with the text: 8× the text may take at most ~20×
    /// the time (generous, for noisy machines), which a quadratic scan would exceed.
    @Test func linearInTextLength() {
        let paragraph = """
            “We will not back down,” Defense Minister Jane Doe said, “and the ‘robust’ plan stands.” \
            Europe's leaders don't agree; officials said the so-called "peace dividend" was gone. \
            According to Doe, the students’ views matter. She called the offer ‘unserious’ and left.
            """
        let small = Array(repeating: paragraph, count: 200).joined(separator: "\n")
        let large = Array(repeating: paragraph, count: 1600).joined(separator: "\n")
        let oneLine = Array(repeating: paragraph, count: 1600).joined(separator: " ")
        let extractor = QuoteExtractor()
        let clock = ContinuousClock()
        _ = extractor.quotes(in: small)
        let t1 = clock.measure { #expect(extractor.quotes(in: small).count == 200 * 4) }
        let t8 = clock.measure { #expect(extractor.quotes(in: large).count == 1600 * 4) }
        let t8line = clock.measure { _ = extractor.quotes(in: oneLine) }
        print("200 paragraphs: \(t1); 1600 paragraphs: \(t8); 1600 as one paragraph: \(t8line)")
        #expect(t8 < t1 * 20)
        #expect(t8line < t1 * 20)
    }
}
