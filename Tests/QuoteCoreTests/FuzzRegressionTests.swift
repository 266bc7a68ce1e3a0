import Foundation
import Testing

@testable import QuoteCore

/// Inputs the fuzz targets (Sources/Fuzzing, `make fuzz`) found a fault with, kept in Fixtures/fuzz.
@Suite("Fuzz regressions: QuoteCore")
struct FuzzRegressionTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/fuzz/" + name, withExtension: nil))
        return try Data(contentsOf: url)
    }

    /// FuzzQuoteExtractor timed out (over 10 s) on 16 KB of one run-on sentence of attributed quotes
    /// (`… and Hegseth said “…”, and Hegseth said “…”, …`): every quote's context was the whole text,
    /// tokenized once per quote, so analyzing an item took time quadratic in its length. Contexts now
    /// reach at most `QuoteContext.maximumReach` scalars either side of their quote.
    @Test func runOnSentenceOfQuotesHasBoundedContexts() throws {
        let text = String(decoding: try Self.fixture("run-on-quotes.txt"), as: UTF8.self)
        let large = String(repeating: text, count: 8)
        let matcher = StatementMatcher(statements: [
            Statement(id: "ukraine-nato", speaker: "Pete Hegseth", aliases: ["Hegseth"], text: "NATO membership for Ukraine is not realistic"),
        ])
        let extractor = QuoteExtractor()
        let quotes = extractor.quotes(in: text)
        let largeQuotes = extractor.quotes(in: large)
        #expect(quotes.count > 200)
        #expect(largeQuotes.count >= quotes.count * 8 - 1)
        for quote in quotes {
            let context = QuoteContext.sentence(in: text, start: quote.start, end: quote.end)
            #expect(context.unicodeScalars.count <= quote.end - quote.start + 2 * QuoteContext.maximumReach)
        }

        // Bounded contexts make the work linear; its speed is for `make bench`, not a test.
        let small = ItemAnalyzer.analyze(text: text, quotes: quotes, matcher: matcher)
        let big = ItemAnalyzer.analyze(text: large, quotes: largeQuotes, matcher: matcher)
        #expect(small.matched["ukraine-nato"]?.score == 1)
        #expect(big.matched["ukraine-nato"]?.speaker == "Hegseth")
    }

    /// FuzzConfigLoader: an unknown key that is empty (`{"": []}`, minimized) was reported with the
    /// empty path, which stands for the whole document, so the message did not say where the problem
    /// was. Such keys, and keys a bare path would misread, are named `["key"]`.
    @Test func unknownKeysAreNamedEvenWhenEmptyOrDotted() throws {
        #expect(issues(try Self.fixture("config-empty-key.json")).contains(#"[""]: unknown key"#))
        let nested = #"{"feeds": [{"id": "a", "url": "a.xml", "": 1, "a.b": 2, "x\"y": 3, "ok-key": 4}], "feeds[0].url": 5}"#
        #expect(issues(Data(nested.utf8)) == [
            #"["feeds[0].url"]: unknown key"#, #"feeds[0].ok-key: unknown key"#, #"feeds[0][""]: unknown key"#,
            #"feeds[0]["a.b"]: unknown key"#, #"feeds[0]["x\"y"]: unknown key"#,
        ])
    }

    /// Each issue of a configuration as `path: message`, cut after "unknown key".
    func issues(_ data: Data) -> [String] {
        do {
            _ = try ConfigLoader.load(data, source: "feeds.json", configDirectory: "/etc/quotewatch")
            return []
        } catch {
            return error.issues.map { $0.description.components(separatedBy: ";")[0] }.sorted()
        }
    }

    /// FuzzConfigLoader: a configuration with invalid UTF-8 inside a string was accepted once the
    /// loader read through JSONDecoder (which lets some of it through), with keys the fuzzer's own
    /// JSON reading could not find. It is refused again, naming where.
    @Test func invalidUTF8IsNotValidJSON() throws {
        let found = issues(try Self.fixture("config-invalid-utf8.json"))
        #expect(found.count == 1 && found[0].contains("not valid JSON: line ") && found[0].contains("bytes that are not UTF-8"), "\(found)")
    }

    /// FuzzConfigLoader, the same way: a raw control character inside a string (JSON wants it
    /// escaped) got through JSONDecoder.
    @Test func aRawControlCharacterInAStringIsNotValidJSON() throws {
        let found = issues(try Self.fixture("config-control-character.json"))
        #expect(found.count == 1 && found[0].contains("not valid JSON: line ") && found[0].contains("a control character inside a string"), "\(found)")
        // Escaped, and outside strings (whitespace), control characters are fine.
        #expect(issues(Data("{\"feeds\":\t[],\n\"statements\": [{\"id\": \"a\\tb\", \"text\": \"x\"}]}".utf8)) == [])
    }
}
