import Foundation
import Testing

@testable import FeedParsing

/// `ArticleExtractor.mainText` against generated article pages with boilerplate, whose expected body
/// text the generator writes (`../shared/bench/gen_corpus.py --html-pages`). Measures word precision
/// and recall (bag of words, lower-cased letters and digits) over all pages together, and asserts
/// floors a margin below what was measured (precision 0.984, recall 1.000 on these 40 pages).
/// Skipped when the generator or python3 is absent.
@Suite("ArticleExtractor on generated pages")
struct ArticleCorpusTests {
    static let generator = FixtureLoader.sharedURL("bench/gen_corpus.py")
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let available = FileManager.default.fileExists(atPath: generator.path) && python != nil

    /// The words of `text`: runs of letters and digits, lower-cased, counted.
    static func words(_ text: String) -> [Substring: Int] {
        var counts: [Substring: Int] = [:]
        let lowered = text.lowercased()
        for word in lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            counts[word, default: 0] += 1
        }
        return counts
    }

    /// Generates `pages` pages into a fresh temporary directory and returns it.
    static func generate(pages: Int) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("quotewatch-pages-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/python3")
        process.arguments = [
            generator.path, "--out", directory.path, "--feeds", "2", "--html-pages", String(pages), "--statements", "",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return directory
    }

    @Test(.enabled(if: available, "needs ../shared/bench/gen_corpus.py and python3"))
    func mainTextPrecisionAndRecall() throws {
        let directory = try Self.generate(pages: 40)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages = directory.appendingPathComponent("pages")
        let index = try String(contentsOf: pages.appendingPathComponent("index.jsonl"), encoding: .utf8)
        var common = 0
        var ours = 0
        var expected = 0
        var count = 0
        for line in index.split(separator: "\n") {
            let entry = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let page = try #require(entry["page"] as? String)
            let text = try #require(entry["text"] as? String)
            let html = Array(try Data(contentsOf: pages.appendingPathComponent(page)))
            let got = Self.words(ArticleExtractor.mainText(fromHTML: html))
            let want = Self.words(text)
            for (word, n) in got { common += min(n, want[word] ?? 0) }
            ours += got.values.reduce(0, +)
            expected += want.values.reduce(0, +)
            count += 1
        }
        #expect(count >= 40)
        let precision = Double(common) / Double(max(ours, 1))
        let recall = Double(common) / Double(max(expected, 1))
        print("ArticleExtractor on \(count) generated pages: precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall))")
        #expect(precision >= 0.95)
        #expect(recall >= 0.97)
    }
}
