import Foundation
import QuoteCore
import Testing

@testable import FeedParsing

@Suite("FeedParser on hand-written fixtures")
struct FeedParserFixtureTests {
    private func parse(_ name: String, httpCharset: String? = nil, baseURL: String? = nil) throws -> ParsedFeed {
        FeedParser.parse(try FixtureLoader.bytes(name), httpCharset: httpCharset, baseURL: baseURL)
    }

    @Test func rss20WithContentEncoded() throws {
        let feed = try parse("rss20-content.xml", baseURL: "https://news.example.com/rss.xml")
        #expect(feed.format == .rss20)
        #expect(feed.wellFormed)
        #expect(feed.error == nil)
        #expect(feed.encoding == "utf-8")
        #expect(feed.title == "World News & Views")
        #expect(feed.link == "https://news.example.com/")
        #expect(feed.description == "The latest from the world desk")
        #expect(feed.language == "en-gb")
        #expect(feed.updated == Date(timeIntervalSince1970: 1_764_459_600))
        #expect(feed.items.count == 2)
        let first = try #require(feed.items.first)
        #expect(first.id == "urn:example:1")
        #expect(first.title == "Minister says borders \"unrealistic\"")
        #expect(first.link == "https://news.example.com/world/1")
        #expect(first.published == Date(timeIntervalSince1970: 1_764_457_445))
        #expect(first.author == "Jane Reporter")
        #expect(first.categories == ["Europe", "Politics"])
        #expect(first.summary == "<p>Short <b>summary</b>.</p>")
        #expect(first.content == "<p>Full <em>article</em> text.</p><p>Second paragraph.</p>")
        let second = feed.items[1]
        #expect(second.link == "https://news.example.com/world/2")
        #expect(second.published == Date(timeIntervalSince1970: 1_764_421_200))
        #expect(second.author == "desk@example.com (The Desk)")
        #expect(second.content == nil)
    }

    @Test func atom10WithXHTMLContentAndXMLBase() throws {
        let feed = try parse("atom10-xhtml.xml", baseURL: "https://ignored.example.com/feed")
        #expect(feed.format == .atom10)
        #expect(feed.wellFormed)
        #expect(feed.title == "Example Atom")
        #expect(feed.description == "A lively blog")
        #expect(feed.link == "https://blog.example.org/")
        #expect(feed.language == "en-US")
        #expect(feed.updated == Date(timeIntervalSince1970: 1_764_417_600))
        #expect(feed.items.count == 2)
        let entry = try #require(feed.items.first)
        #expect(entry.id == "tag:example.org,2025:1")
        #expect(entry.title == "Hello & welcome")
        #expect(entry.link == "https://blog.example.org/posts/hello.html")
        #expect(entry.published == Date(timeIntervalSince1970: 1_764_318_600))
        #expect(entry.updated == Date(timeIntervalSince1970: 1_764_411_330.25))
        #expect(entry.author == "Entry Author")
        #expect(entry.categories == ["news", "atom"])
        #expect(entry.summary == "Plain summary")
        #expect(entry.content == "<p>Rich <strong>xhtml</strong> body.</p><p>With<br />break.</p>")
        let second = feed.items[1]
        #expect(second.link == "https://other.example.net/x")
        #expect(second.author == "Feed Author")
        #expect(second.content == "<p>Escaped html</p>")
        #expect(second.updated == Date(timeIntervalSince1970: 1_764_201_600))
    }

    @Test func rss10ItemsAreSiblingsOfChannel() throws {
        let feed = try parse("rss10.xml")
        #expect(feed.format == .rss10)
        #expect(feed.title == "RDF Site")
        #expect(feed.language == "de")
        #expect(feed.items.count == 2)
        let item = try #require(feed.items.first)
        #expect(item.id == "https://rdf.example.com/a")
        #expect(item.link == "https://rdf.example.com/a?x=1&y=2")
        #expect(item.summary == "About <i>A</i>")
        #expect(item.author == "Karl Autor")
        #expect(item.published == Date(timeIntervalSince1970: 1_764_398_700))
        #expect(item.categories == ["Politik"])
        #expect(feed.items[1].id == "https://rdf.example.com/b")
    }

    @Test func rss091WithDoctypeIsNotFetched() throws {
        let feed = try parse("rss091.xml")
        #expect(feed.format == .rss09x)
        #expect(feed.encoding == "iso-8859-1")
        #expect(feed.title == "Old School")
        #expect(feed.language == "en-us")
        #expect(feed.items.map(\.title) == ["Ninety-one"])
        #expect(feed.items.first?.link == "http://old.example.com/91")
    }

    @Test func atom03() throws {
        let feed = try parse("atom03.xml")
        #expect(feed.format == .atom03)
        #expect(feed.title == "Vieux Atom")
        #expect(feed.description == "Atom 0.3 tagline")
        #expect(feed.language == "fr")
        #expect(feed.link == "http://atom03.example.com/")
        #expect(feed.updated == Date(timeIntervalSince1970: 1_077_992_095))
        let entry = try #require(feed.items.first)
        #expect(entry.title == "Entrée")
        #expect(entry.published == Date(timeIntervalSince1970: 1_077_894_000))
        #expect(entry.updated == Date(timeIntervalSince1970: 1_077_992_095))
        #expect(entry.summary == "Résumé")
        #expect(entry.content == "<p>Contenu</p>")
        #expect(entry.author == "Jean Auteur")
        #expect(feed.items[1].content == "<p>Hi</p>")
    }

    @Test func windows1252AndLatin1() throws {
        let cp = try parse("windows1252.xml")
        #expect(cp.encoding == "windows-1252")
        #expect(cp.title == "Café \u{201C}quotes\u{201D}")
        #expect(cp.items.first?.title == "Naïve \u{2013} dash")
        #expect(cp.items.first?.summary == "€ 50")
        let latin = try parse("latin1.xml")
        #expect(latin.encoding == "iso-8859-1")
        #expect(latin.title == "Señor José")
        #expect(latin.items.first?.title == "¿Qué?")
        // The HTTP charset wins over the declaration.
        let overridden = try parse("latin1.xml", httpCharset: "\"UTF-8\"")
        #expect(overridden.encoding == "utf-8")
        #expect(overridden.title == "Se\u{FFFD}or Jos\u{FFFD}")
        #expect(overridden.wellFormed == false)
    }

    @Test func invalidUTF8IsReplacedNotDropped() {
        var bytes = Array("<rss version=\"2.0\"><channel><title>ok</title><item><title>bad ".utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(" byte</title></item><item><title>next</title></item></channel></rss>".utf8)
        let feed = FeedParser.parse(bytes)
        #expect(feed.items.map(\.title) == ["bad \u{FFFD}(\u{FFFD} byte", "next"])
        #expect(feed.wellFormed == false)
    }

    @Test func malformedLastItemKeepsEarlierItems() throws {
        let feed = try parse("malformed-last-item.xml")
        #expect(feed.wellFormed == false)
        #expect(feed.error == nil)
        #expect(feed.title == "Broken at the end")
        #expect(Array(feed.items.prefix(3).map(\.id)) == ["1", "2", "3"])
        #expect(feed.items.count >= 3)
    }

    @Test func undeclaredHTMLEntities() throws {
        let feed = try parse("html-entities.xml")
        #expect(feed.title == "Café\u{A0}news")
        let item = try #require(feed.items.first)
        #expect(item.title == "It\u{2019}s \u{201C}fine\u{201D} \u{2014} really\u{2026}")
        #expect(item.link == "http://e.example.com/get?a=1&b=2")
        #expect(item.summary == "Tom & Jerry © 2025")
        #expect(feed.wellFormed == false)
    }

    @Test func externalEntitiesAreNotLoaded() throws {
        let feed = try parse("xxe.xml")
        #expect(feed.format == .rss20)
        let title = try #require(feed.title)
        #expect(!title.contains("root:"))
        #expect(title.hasPrefix("XXE"))
        #expect(feed.items.count == 1)
        let summary = feed.items.first?.summary ?? ""
        #expect(!summary.contains("root:"))
    }

    @Test func billionLaughsReturnsQuicklyAndBounded() throws {
        let bytes = try FixtureLoader.bytes("billion-laughs.xml")
        let clock = ContinuousClock()
        var feed = ParsedFeed(wellFormed: true)
        let elapsed = clock.measure { feed = FeedParser.parse(bytes) }
        #expect(elapsed < .seconds(2))
        #expect((feed.title ?? "").utf8.count <= XMLNode.maxTextBytes)
        #expect((feed.items.first?.summary ?? "").utf8.count <= 16 * XMLNode.maxTextBytes)
        #expect(feed.wellFormed == false)
    }

    @Test func absurdNestingIsRefused() throws {
        let bytes = try FixtureLoader.bytes("deep-nesting.xml")
        let clock = ContinuousClock()
        var feed = ParsedFeed(wellFormed: true)
        let elapsed = clock.measure { feed = FeedParser.parse(bytes) }
        #expect(elapsed < .seconds(5))
        #expect(feed.wellFormed == false)
        #expect(feed.title == "Deep")
    }

    @Test func notAFeedAndEmpty() {
        let html = FeedParser.parse(Array("<html><body><p>hi</p></body></html>".utf8))
        #expect(html.format == nil)
        #expect(html.error != nil)
        let empty = FeedParser.parse([])
        #expect(empty.error != nil)
        #expect(empty.items.isEmpty)
        let garbage = FeedParser.parse(Array("\u{0}\u{1}not xml at all".utf8))
        #expect(garbage.error != nil)
    }

    @Test func utf16WithBOM() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><title>Zürich</title></channel></rss>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let feed = FeedParser.parse(bytes)
        #expect(feed.encoding == "utf-16le")
        #expect(feed.title == "Zürich")
    }

    @Test func initializeIsIdempotent() {
        FeedParser.initialize()
        FeedParser.initialize()
        #expect(FeedParser.parse(Array("<rss><channel><title>t</title></channel></rss>".utf8)).title == "t")
    }
}
