import FeedParsing
import Foundation
import QuoteCore
import StateStore

/// `make bench`: the throughput of each stage of the pipeline on a generated workload.
///
/// Reads the synthetic corpus of `../shared/bench/gen_corpus.py` (feeds, ground-truth quotes, tracked
/// statements) and times, in this process: feed parsing, HTML to text, quote extraction (with recall
/// and precision against the corpus's ground truth), statement matching, and committing items to a
/// real SQLite store. Figures are for comparison within one run; the machine is shared and noisy.
@main
struct QuoteWatchBench {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let corpus = arguments.first else {
            FileHandle.standardError.write(Data("usage: quotewatch-bench CORPUS-DIR [STATEMENTS-FILE]\n".utf8))
            exit(1)
        }
        FeedParser.initialize()
        let feedsDirectory = URL(fileURLWithPath: corpus).appendingPathComponent("feeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: feedsDirectory.path).sorted()
        let documents = try files.map { ($0, [UInt8](try Data(contentsOf: feedsDirectory.appendingPathComponent($0)))) }
        let bytes = documents.reduce(0) { $0 + $1.1.count }
        var rows: [(String, String)] = []

        // 1. Feed parsing.
        var feeds: [(String, ParsedFeed)] = []
        let parseTime = measure { feeds = documents.map { ($0.0, FeedParser.parse($0.1)) } }
        let items = feeds.flatMap { file, feed in feed.items.map { (file, $0) } }
        rows.append(("feed parsing", String(format: "%.1f MB/s, %.0f items/s (%d files, %.1f MB, %d items)",
                                             Double(bytes) / 1e6 / parseTime, Double(items.count) / parseTime, files.count, Double(bytes) / 1e6, items.count)))

        // 2. HTML to text.
        var texts: [String] = []
        let textTime = measure { texts = items.map { HTMLText.plainText(fromHTML: $0.1.bodyHTML ?? "") } }
        rows.append(("HTML to text", String(format: "%.0f items/s", Double(items.count) / textTime)))

        // 3. Quote extraction, scored against the corpus's ground truth.
        let extractor = QuoteExtractor()
        var found: [[Quote]] = []
        let extractTime = measure { found = texts.map { extractor.quotes(in: $0).filter { $0.kind == .speech } } }
        let quoteCount = found.reduce(0) { $0 + $1.count }
        rows.append(("quote extraction", String(format: "%.0f items/s, %d quotes", Double(items.count) / extractTime, quoteCount)))
        if let truth = try? groundTruth(URL(fileURLWithPath: corpus).appendingPathComponent("quotes.jsonl")) {
            var expected: [String: [Truth]] = [:]
            for entry in truth { expected[entry.item, default: []].append(entry) }
            var hits = 0, exactHits = 0, speakerHits = 0, total = 0
            var misses: [String] = []
            for (index, (_, item)) in items.enumerated() {
                let gold = expected[corpusItemID(item.identity ?? "")] ?? []
                total += gold.count
                for entry in gold {
                    let key = TextNormalizer.normalizedString(entry.text)
                    guard let quote = found[index].first(where: { TextNormalizer.normalizedString($0.text) == key }) else {
                        misses.append("missed\t\(entry.style ?? "")\t\(entry.text)")
                        continue
                    }
                    hits += 1
                    if quote.text == entry.text { exactHits += 1 } else { misses.append("text\t\(entry.style ?? "")\t\(entry.text)\t\(quote.text)") }
                    if quote.speaker == entry.speaker {
                        speakerHits += 1
                    } else {
                        misses.append("speaker\t\(entry.style ?? "")\t\(entry.text)\t\(entry.speaker ?? "-")\t\(quote.speaker ?? "-")\t\(texts[index])")
                    }
                }
            }
            if let dump = ProcessInfo.processInfo.environment["QW_BENCH_MISSES"] {
                try misses.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8)
            }
            let precision = quoteCount == 0 ? 0 : Double(hits) / Double(quoteCount)
            rows.append(("extraction vs ground truth", String(
                format: "recall %.3f (exact text %.3f), precision %.3f, speaker accuracy on found %.3f (%d gold quotes)",
                total == 0 ? 0 : Double(hits) / Double(total), total == 0 ? 0 : Double(exactHits) / Double(total), precision,
                hits == 0 ? 0 : Double(speakerHits) / Double(hits), total)))
        }

        // 4. Statement matching.
        let statementFiles = (try? FileManager.default.contentsOfDirectory(atPath: corpus))?
            .filter { $0.hasPrefix("statements-") && !$0.contains("truth") }.sorted() ?? []
        for name in statementFiles {
            let statements = try loadStatements(URL(fileURLWithPath: corpus).appendingPathComponent(name))
            var matcher: StatementMatcher?
            let indexTime = measure { matcher = StatementMatcher(statements: statements) }
            let inputs = zip(found, texts).flatMap { quotes, text in
                quotes.map { MatchInput(text: $0.text, speaker: $0.speaker, context: QuoteContext.sentence(in: text, start: $0.start, end: $0.end)) }
            }
            var matched = 0
            let matchTime = measure { matched = inputs.filter { matcher?.bestMatch(for: $0) != nil }.count }
            rows.append(("matching, \(statements.count) statements", String(
                format: "%.0f quotes/s (%d quotes, %d matched; index built in %.2f s)",
                Double(inputs.count) / matchTime, inputs.count, matched, indexTime)))
        }

        // 5. Store commits, one transaction per item, into a real SQLite file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("bench.sqlite").path)
        let start = Date()
        for (index, (file, item)) in items.enumerated() {
            let text = texts[index]
            let version = ItemVersion(
                time: start, source: .content, url: item.link, bodyHash: "\(index)", textHash: "\(index)", text: text,
                quotes: found[index], complete: true)
            let place = ItemPlace(
                feedID: file, identity: item.identity ?? "\(index)", link: item.link, title: item.title, published: item.published,
                contentHash: "\(index)")
            _ = try await store.commit(ItemCommit(place: place, seen: start, version: version, states: [:]))
        }
        let storeTime = Date().timeIntervalSince(start)
        rows.append(("store commits", String(format: "%.0f items/s (one transaction each)", Double(items.count) / storeTime)))

        print("| stage | throughput |")
        print("|---|---|")
        for (stage, figure) in rows { print("| \(stage) | \(figure) |") }
    }

    /// The corpus's own item id ("f0003-i012") inside a guid or Atom id.
    static func corpusItemID(_ identity: String) -> String {
        guard let range = identity.range(of: #"f\d{4}-i\d{3}"#, options: .regularExpression) else { return identity }
        return String(identity[range])
    }

    static func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return max(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1e-9)
    }

    struct Truth: Decodable {
        var item: String
        var text: String
        var speaker: String?
        var style: String?
    }

    static func groundTruth(_ url: URL) throws -> [Truth] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Truth.self, from: Data($0.utf8)) }
    }

    struct StatementEntry: Decodable {
        var id: String
        var speaker: String?
        var text: String
    }

    static func loadStatements(_ url: URL) throws -> [Statement] {
        try JSONDecoder().decode([StatementEntry].self, from: Data(contentsOf: url))
            .map { Statement(id: $0.id, speaker: $0.speaker, text: $0.text) }
    }
}
