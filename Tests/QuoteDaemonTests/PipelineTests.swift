import Foundation
import QuoteCore
import QuoteDaemon
import StateStore
import Testing

@Suite struct PipelineTests {
    /// The bundled NATO example, from feed to events: the tracked statements it quotes are each
    /// one `quote.new`, logged once as a line; a second refresh of the same feed adds nothing.
    @Test func natoExampleFromFeedToEvents() async throws {
        let harness = try PipelineHarness()
        let path = try harness.writeFeed(try PipelineHarness.exampleFeed())
        let feed = FeedConfig(id: "nato-example", url: path)
        let first = try await harness.refresh(feed)
        #expect(first.result == .ok)
        let new = first.events.filter { $0.type == .quoteNew }
        let statements = Set(new.compactMap(\.statement))
        #expect(statements.isSuperset(of: ["hegseth-borders", "hegseth-ukraine-nato", "hegseth-nato-stronger", "healey-we-hear-you"]), "\(new)")
        #expect(!statements.contains("nato-five-percent"), "no direct quote of the 5% demand in the article")
        for event in new {
            #expect(event.item == "example-wire-2025-02-12-hegseth-brussels")
            #expect(event.url == "https://news.example.org/world/nato/hegseth-brussels-ukraine")
        }
        #expect(new.first { $0.statement == "healey-we-hear-you" }?.speaker == "John Healey")
        #expect(new.first { $0.statement == "hegseth-nato-stronger" }?.speaker == "Pete Hegseth")
        let log = harness.sink.contents
        #expect(log.contains(#/<5>quote\.new id=\d+ statement=healey-we-hear-you speaker="John Healey" feed=nato-example score=1\.0 tier=normalized quote="Secretary Hegseth, we hear you\."/#), "\(log)")
        #expect(log.components(separatedBy: "quote.new").count - 1 == new.count)
        #expect(log.contains(#"detail="first appearance in any feed""#), "the field is named as in events --json")

        // A file has no validators: the unchanged body's hash ends the refresh before parsing.
        let second = try await harness.refresh(feed)
        #expect(second.events.isEmpty)
        #expect(second.itemsProcessed == 0)
        #expect(try await harness.store.events().count == new.count)
    }

    /// A store written before feed bodies were known by their SHA-256 holds 16-digit FNV-1a
    /// fingerprints: the first refresh after the upgrade reads the feed again, and its unchanged
    /// items end at their own content hash: no event, no new version; the one after skips it.
    @Test func aStoreWithTheOldBodyFingerprintsReadsEachFeedOnceMoreQuietly() async throws {
        let harness = try PipelineHarness()
        let path = try harness.writeFeed(try PipelineHarness.exampleFeed())
        let feed = FeedConfig(id: "nato-example", url: path)
        let first = try await harness.refresh(feed)
        let events = try await harness.store.events().count
        #expect(events > 0)
        var state = try #require(try await harness.store.feedState(id: feed.id))
        let fingerprint = try #require(state.bodyHash)
        #expect(fingerprint.count == 64 && fingerprint.allSatisfy(\.isHexDigit), "the SHA-256 of the body, in hex: \(fingerprint)")
        state.bodyHash = "c0ffee0123456789"
        _ = try await harness.store.save(state)

        let upgraded = try await harness.refresh(feed)
        #expect(upgraded.result == .ok)
        #expect(upgraded.events.isEmpty)
        #expect(try await harness.store.events().count == events)
        let item = try #require(first.events.first?.item)
        #expect(try await harness.store.history(of: item).first?.versions.count == 1)
        #expect(try await harness.store.feedState(id: feed.id)?.bodyHash == fingerprint, "the new fingerprint is stored")

        let again = try await harness.refresh(feed)
        #expect(again.events.isEmpty)
        #expect(again.itemsProcessed == 0, "the stored fingerprint ends the refresh before parsing")
    }

    /// A later version of the same item with reworded quotes: `quote.edited` with the old words, and
    /// nothing for the statements whose quotes did not change.
    @Test func editedArticleRaisesQuoteEdited() async throws {
        let harness = try PipelineHarness()
        let original = try PipelineHarness.exampleFeed()
        let path = try harness.writeFeed(original)
        let feed = FeedConfig(id: "nato-example", url: path)
        _ = try await harness.refresh(feed)
        let edited = original.replacingOccurrences(of: "‘NATO must be stronger (…) not a club of diplomats.’",
                                                   with: "‘NATO must be far stronger, not a club of diplomats.’")
        try #require(edited != original)
        _ = try harness.writeFeed(edited)
        let outcome = try await harness.refresh(feed)
        #expect(outcome.events.map(\.type) == [.quoteEdited], "\(outcome.events)")
        let event = try #require(outcome.events.first)
        #expect(event.statement == "hegseth-nato-stronger")
        #expect(event.quote?.contains("far stronger") == true)
        #expect(event.previous?.contains("(…)") == true)
        #expect(harness.sink.contents.contains(#/quote\.edited id=\d+ statement=hegseth-nato-stronger/#))
    }

    /// An edit elsewhere in the article raises nothing.
    @Test func unrelatedEditRaisesNothing() async throws {
        let harness = try PipelineHarness()
        let original = try PipelineHarness.exampleFeed()
        let path = try harness.writeFeed(original)
        let feed = FeedConfig(id: "nato-example", url: path)
        _ = try await harness.refresh(feed)
        _ = try harness.writeFeed(original.replacingOccurrences(of: "On Wednesday in Brussels", with: "On Wednesday afternoon in Brussels"))
        let outcome = try await harness.refresh(feed)
        #expect(outcome.itemsProcessed == 1)
        #expect(outcome.events.isEmpty, "\(outcome.events)")
    }

    @Test func numberChangeIsEditAndClaimChange() async throws {
        let statements = [Statement(id: "gdp", speaker: "Donald Trump", aliases: ["Trump"], text: "NATO countries should spend 5% of GDP on defence")]
        let harness = try PipelineHarness(statements: statements)
        let body = "<p>“NATO countries should spend 5% of GDP on defence,” President Donald Trump said on Tuesday.</p>"
        let path = try harness.writeFeed(rss([("g1", "https://example.org/a", body)]))
        let feed = FeedConfig(id: "wire", url: path)
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew])
        _ = try harness.writeFeed(rss([("g1", "https://example.org/a", body.replacingOccurrences(of: "5%", with: "3.5%"))]))
        let outcome = try await harness.refresh(feed)
        #expect(outcome.events.map(\.type) == [.quoteEdited, .claimChanged], "\(outcome.events)")
        let claim = try #require(outcome.events.last)
        #expect(claim.oldValues == ["5%"])
        #expect(claim.newValues == ["3.5%"])
        #expect(harness.sink.contents.contains(#/claim\.changed id=\d+ statement=gdp/#))
    }

    @Test func quoteGivenToSomeoneElseIsAttributionChanged() async throws {
        let statements = [Statement(id: "hear", speaker: "John Healey", aliases: ["Healey"], text: "Secretary Hegseth, we hear you")]
        let harness = try PipelineHarness(statements: statements)
        let before = "<p>British Defence Secretary John Healey replied: “Secretary Hegseth, we hear you.”</p><p>NATO chief Mark Rutte was also there.</p>"
        let after = "<p>British Defence Secretary John Healey was there.</p><p>NATO Secretary General Mark Rutte replied: “Secretary Hegseth, we hear you.”</p>"
        let path = try harness.writeFeed(rss([("g1", "https://example.org/a", before)]))
        let feed = FeedConfig(id: "wire", url: path)
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew])
        _ = try harness.writeFeed(rss([("g1", "https://example.org/a", after)]))
        let outcome = try await harness.refresh(feed)
        #expect(outcome.events.map(\.type) == [.attributionChanged], "\(outcome.events)")
        #expect(outcome.events.first?.speaker == "Mark Rutte")
        #expect(outcome.events.first?.previous == "John Healey")
    }

    @Test func vanishedQuoteIsRemovedButALeavingItemRaisesNothing() async throws {
        let statements = [Statement(id: "hear", speaker: "John Healey", aliases: ["Healey"], text: "Secretary Hegseth, we hear you")]
        let harness = try PipelineHarness(statements: statements)
        let quoted = "<p>John Healey said: “Secretary Hegseth, we hear you.”</p>"
        let feed = FeedConfig(id: "wire", url: try harness.writeFeed(rss([("g1", "https://example.org/a", quoted), ("g2", "https://example.org/b", quoted)])))
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew, .quoteNew])
        // g1 leaves the feed; g2 stays, without the quote.
        _ = try harness.writeFeed(rss([("g2", "https://example.org/b", "<p>John Healey spoke about the budget.</p>")]))
        let outcome = try await harness.refresh(feed)
        #expect(outcome.events.map(\.type) == [.quoteRemoved])
        #expect(outcome.events.first?.item == "g2")
    }

    @Test func changedLinkUnderTheSameGuidIsTheSameItem() async throws {
        let statements = [Statement(id: "hear", speaker: "John Healey", aliases: ["Healey"], text: "Secretary Hegseth, we hear you")]
        let harness = try PipelineHarness(statements: statements)
        let quoted = "<p>John Healey said: “Secretary Hegseth, we hear you.”</p>"
        let feed = FeedConfig(id: "wire", url: try harness.writeFeed(rss([("g1", "https://example.org/a", quoted)])))
        #expect(try await harness.refresh(feed).events.count == 1)
        _ = try harness.writeFeed(rss([("g1", "https://example.org/a-renamed", quoted)]))
        let outcome = try await harness.refresh(feed)
        #expect(outcome.itemsProcessed == 1)
        #expect(outcome.events.isEmpty)
    }

    /// A feed that cannot be read fails alone, once as `feed.failed`, and `feed.recovered` when it works.
    @Test func failingFeedIsOneEventAndRecoveryAnother() async throws {
        let harness = try PipelineHarness()
        let missing = harness.folder.appendingPathComponent("missing.xml").path
        let feed = FeedConfig(id: "gone", url: missing)
        let first = try await harness.refresh(feed)
        #expect(first.result == .failed)
        #expect(first.events.map(\.type) == [.feedFailed])
        #expect(first.error?.contains("missing.xml") == true)
        #expect(try await harness.refresh(feed).events.isEmpty, "a retry is not a new event")
        #expect(try await harness.store.feedState(id: "gone")?.consecutiveFailures == 2)
        _ = try harness.writeFeed(rss([]), name: "missing.xml")
        #expect(try await harness.refresh(feed).events.map(\.type) == [.feedRecovered])
        let log = harness.sink.contents
        #expect(log.components(separatedBy: "feed.failed").count == 2)
        #expect(log.contains(#/<4>feed\.failed id=\d+ feed=gone error=/#))
    }

    @Test func aDocumentThatIsNotAFeedFailsWithAMessage() async throws {
        let harness = try PipelineHarness()
        let feed = FeedConfig(id: "page", url: try harness.writeFeed("<html><body><p>Not a feed</p></body></html>", name: "page.html"))
        let outcome = try await harness.refresh(feed)
        #expect(outcome.result == .failed)
        #expect(outcome.error?.contains("not a feed") == true, "\(outcome.error ?? "")")
    }

    /// Edited and edited back: the second edit is one `quote.edited` that says it is a return to an
    /// earlier wording.
    @Test func flipFlopIsOneEventThatSaysSo() async throws {
        let statements = [Statement(id: "stronger", speaker: "Pete Hegseth", aliases: ["Hegseth"], text: "NATO must be stronger, not a club of diplomats")]
        let harness = try PipelineHarness(statements: statements)
        let a = "<p>“NATO must be stronger, not a club of diplomats,” Pete Hegseth said.</p>"
        let b = "<p>“NATO must be far stronger, not a club of diplomats,” Pete Hegseth said.</p>"
        let feed = FeedConfig(id: "wire", url: try harness.writeFeed(rss([("g1", "https://example.org/a", a)])))
        #expect(try await harness.refresh(feed).events.map(\.type) == [.quoteNew])
        _ = try harness.writeFeed(rss([("g1", "https://example.org/a", b)]))
        #expect(try await harness.refresh(feed).events.first?.detail?.hasPrefix("back to") == false)
        _ = try harness.writeFeed(rss([("g1", "https://example.org/a", a)]))
        let back = try await harness.refresh(feed)
        #expect(back.events.map(\.type) == [.quoteEdited])
        #expect(back.events.first?.detail?.hasPrefix("back to an earlier wording") == true, "\(back.events)")
    }

    /// The first appearance of a statement is kept; a later outlet quoting it in other words is a
    /// `quote.new` that shows how its wording differs from the tracked text and where it came first.
    @Test func laterOutletQuotingDifferentlyShowsTheDifference() async throws {
        let statements = [Statement(id: "stronger", speaker: "Pete Hegseth", aliases: ["Hegseth"], text: "NATO must be stronger, not a club of diplomats")]
        let harness = try PipelineHarness(statements: statements)
        let first = FeedConfig(id: "wire-a", url: try harness.writeFeed(rss([("a1", "https://a.example/1", "<p>“NATO must be stronger, not a club of diplomats,” Pete Hegseth said.</p>")]), name: "a.xml"))
        let second = FeedConfig(id: "wire-b", url: try harness.writeFeed(rss([("b1", "https://b.example/1", "<p>“The alliance must be stronger and not a club of diplomats,” Pete Hegseth said.</p>")]), name: "b.xml"))
        let one = try await harness.refresh(first)
        #expect(one.events.first?.tier == .exact)
        #expect(one.events.first?.detail == "first appearance in any feed")
        #expect(one.events.first?.first?.item == "a1")
        let two = try await harness.refresh(second)
        let event = try #require(two.events.first)
        #expect(event.type == .quoteNew)
        #expect(event.tier == .fuzzy)
        #expect(event.detail?.contains("differs from the tracked text: ") == true, "\(event)")
        #expect(event.detail?.contains("first quoted by wire-a") == true, "\(event)")
        #expect(event.first?.feed == "wire-a")
        #expect(event.first?.item == "a1")
    }
}
