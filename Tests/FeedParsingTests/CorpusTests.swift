import Foundation
import QuoteCore
import Testing

@testable import FeedParsing

/// Runs the parser over the shared corpora in `../shared/corpus` (third-party text: read in place,
/// never copied into the package). Skipped, with a recorded message, when the corpora are absent.
@Suite("Corpora")
struct CorpusTests {
    static let feedparserDirectory = FixtureLoader.sharedURL("corpus/feedparser")
    static let fastfeedparserDirectory = FixtureLoader.sharedURL("corpus/realworld/fastfeedparser")

    static let feedparserPresent = FileManager.default.fileExists(atPath: feedparserDirectory.path)
    static let fastfeedparserPresent = FileManager.default.fileExists(atPath: fastfeedparserDirectory.path)

    /// Whether an item carries text a reader can use: a title, or a summary or content with text.
    static func hasText(_ item: FeedItem) -> Bool {
        if let title = item.title, !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return true }
        return [item.summary, item.content].contains { $0.map { !HTMLText.plainText(fromHTML: $0).isEmpty } ?? false }
    }

    @Test(.enabled(if: feedparserPresent, "needs ../shared/corpus/feedparser"))
    func feedparserCorpusParsesWithoutCrashing() throws {
        let files = FixtureLoader.files(under: Self.feedparserDirectory).filter { $0.pathExtension == "xml" }
        var parsed = 0
        var withFormat = 0
        let clock = ContinuousClock()
        let start = clock.now
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let feed = FeedParser.parse(bytes, baseURL: "http://127.0.0.1/" + file.lastPathComponent)
            parsed += 1
            if feed.format != nil { withFormat += 1 }
            // A result is always one of: a feed with a format, or an error saying why not.
            #expect(feed.format != nil || feed.error != nil, "\(file.lastPathComponent)")
        }
        #expect(parsed == files.count)
        #expect(files.count > 2000)
        #expect(clock.now - start < .seconds(60))
        // Nearly every feedparser test document is RSS or Atom (CDF and a few ill-formed ones are not).
        #expect(Double(withFormat) / Double(parsed) > 0.9, "\(withFormat) of \(parsed) recognized")
    }

    @Test(.enabled(if: fastfeedparserPresent, "needs ../shared/corpus/realworld"))
    func fastfeedparserNewsFeedsHaveTheirItems() throws {
        let manifest = Self.fastfeedparserDirectory.appendingPathComponent("news-manifest.tsv")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 26)
        for row in rows where row.count >= 5 {
            let url = Self.fastfeedparserDirectory.appendingPathComponent("news").appendingPathComponent(row[0])
            let feed = FeedParser.parse(Array(try Data(contentsOf: url)), baseURL: row[2])
            #expect(feed.error == nil, "\(row[1])")
            #expect(feed.wellFormed, "\(row[1])")
            #expect(feed.format == (row[3] == "RDF" ? .rss10 : .rss20), "\(row[1])")
            #expect(feed.items.count == Int(row[4]), "\(row[1]): \(feed.items.count) items, manifest says \(row[4])")
            #expect(feed.title != nil, "\(row[1])")
            let identified = feed.items.filter { $0.identity != nil && $0.title != nil }.count
            #expect(identified == feed.items.count, "\(row[1]): items without identity or title")
            let withText = feed.items.filter(Self.hasText).count
            #expect(withText == feed.items.count, "\(row[1]): \(feed.items.count - withText) items without text")
            let dated = feed.items.filter { $0.published != nil }.count
            #expect(dated == feed.items.count, "\(row[1]): \(feed.items.count - dated) items without a date")
        }
    }

    @Test(.enabled(if: fastfeedparserPresent, "needs ../shared/corpus/realworld"))
    func fastfeedparserIntegrationFeedsMatchExpectedEntries() throws {
        let directory = Self.fastfeedparserDirectory.appendingPathComponent("integration")
        let inputs = FixtureLoader.files(under: directory).filter { $0.pathExtension == "xml" }
        // 13 RSS/Atom inputs; the one JSON Feed sample is not a format of the contract (DESIGN §3).
        #expect(inputs.count == 13)
        for input in inputs {
            let name = input.deletingPathExtension().lastPathComponent
            let expectedURL = directory.appendingPathComponent(name + ".json")
            let json = try JSONSerialization.jsonObject(with: try Data(contentsOf: expectedURL)) as? [String: Any]
            let expectedEntries = json?["entries"] as? [[String: Any]] ?? []
            let expectedFeed = json?["feed"] as? [String: Any] ?? [:]
            let feed = FeedParser.parse(Array(try Data(contentsOf: input)))
            #expect(feed.error == nil, "\(name)")
            #expect(feed.items.count == expectedEntries.count, "\(name): \(feed.items.count) vs \(expectedEntries.count)")
            #expect(feed.title == expectedFeed["title"] as? String, "\(name) feed title")
            let withText = feed.items.filter(Self.hasText).count
            #expect(withText == feed.items.count, "\(name): \(feed.items.count - withText) items without text")
            for (item, expected) in zip(feed.items, expectedEntries) {
                // fastfeedparser leaves HTML references in titles; quotewatch decodes them (DESIGN §3).
                let expectedTitle = (expected["title"] as? String).map(EntityText.decodeHTMLEntities)
                #expect(item.title == expectedTitle, "\(name) entry title")
                #expect(item.link == expected["link"] as? String, "\(name) entry link")
            }
        }
    }
}
