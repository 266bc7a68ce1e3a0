import FeedParsing
import Foundation
import QuoteDaemon
import QuoteCore

extension Commands {
    /// The plain text of an article file: `.html`/`.htm` through the article-body extraction,
    /// anything else read as UTF-8 text (invalid bytes replaced).
    public static func articleText(_ path: String) throws(DaemonError) -> String {
        let bytes = try read(path)
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") {
            FeedParser.initialize()
            return ArticleExtractor.mainText(fromHTML: bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `quotewatch extract [--json] FILE ...`: the quotes and speakers of each article.
    /// - Returns: the number of files that could not be read.
    public static func extract(_ paths: [String], json: Bool, output: LineOutput, errors: (String) -> Void) -> Int {
        var failures = 0
        // The articles are read on every core; their lines come out in the files' order.
        OrderedWork<Result<[UInt8], DaemonError>>.run(count: paths.count, work: { extraction(paths[$0], json: json) }) { result in
            switch result {
            case .success(let bytes):
                output.line(bytes: bytes)
            case .failure(let error):
                output.flush()
                errors(error.message)
                failures += 1
            }
        }
        return failures
    }

    /// One article's lines of `extract` (without the last line end), or why it could not be read.
    static func extraction(_ path: String, json: Bool) -> Result<[UInt8], DaemonError> {
        let text: String
        do {
            text = try articleText(path)
        } catch {
            return .failure(error)
        }
        let quotes = QuoteExtractor().quotes(in: text).filter { $0.kind == .speech }
        var bytes: [UInt8] = []
        if json {
            ContractJSON.extraction(quotes, source: path).write(to: &bytes)
            return .success(bytes)
        }
        var lines = ["\(path): \(quotes.count) quotes"]
        for quote in quotes {
            let who = quote.speaker ?? quote.source.map { "(\($0))" } ?? "(unattributed)"
            lines.append("  \(who): “\(quote.text)”")
        }
        bytes.append(contentsOf: lines.joined(separator: "\n").utf8)
        return .success(bytes)
    }
}
