import Foundation
import TestSupport
import Testing

/// `events --atom` (DESIGN §3): the events as an Atom 1.0 feed, read back by quotewatch's own feed
/// parser and checked against `events --json`.
@Suite struct EventsAtomTests {
    @Test func theAtomFeedHoldsEveryEventNewestFirst() throws {
        let folder = try CLI.exampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["run", "--once", "--config", "feeds.json"], in: folder).status == 0)
        let events = try CLI.run(["events", "--json"], in: folder).lines.map(CLI.json)
        #expect(events.count >= 4)
        let atom = try CLI.run(["events", "--atom"], in: folder)
        #expect(atom.status == 0, "\(atom.stderr)")
        let file = folder.appendingPathComponent("events.atom")
        try Data(atom.stdout.utf8).write(to: file)
        let parsed = try CLI.run(["parse", "--json", file.path], in: folder)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let feed = CLI.json(parsed.stdout)
        #expect(feed["format"] as? String == "atom1.0")
        #expect(feed["wellFormed"] as? Bool == true)
        let items = feed["items"] as? [[String: Any]] ?? []
        #expect(items.count == events.count)
        #expect(items.compactMap { $0["id"] as? String } == events.reversed().map { "urn:quotewatch:event:\($0["id"] as? Int ?? -1)" })
        for (item, event) in zip(items, events.reversed()) {
            #expect(item["link"] as? String == event["url"] as? String)
            #expect(item["updated"] as? String == event["time"] as? String)
            #expect((item["title"] as? String)?.hasPrefix("quote.new: \(event["statement"] as? String ?? "?")") == true)
            #expect((item["content"] as? String)?.contains(event["quote"] as? String ?? "?") == true)
        }
        let filtered = try CLI.run(["events", "--atom", "--statement", "healey-we-hear-you"], in: folder)
        #expect(filtered.stdout.components(separatedBy: "<entry>").count == 2)
        #expect(try CLI.run(["events", "--atom", "--follow"], in: folder).status == 64)
    }
}
