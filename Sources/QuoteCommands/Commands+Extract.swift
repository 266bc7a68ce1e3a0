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
        let extractor = QuoteExtractor()
        var failures = 0
        for path in paths {
            let text: String
            do {
                text = try articleText(path)
            } catch {
                output.flush()
                errors(error.message)
                failures += 1
                continue
            }
            let quotes = extractor.quotes(in: text).filter { $0.kind == .speech }
            if json {
                output.line(ContractJSON.extraction(quotes, source: path))
            } else {
                output.line("\(path): \(quotes.count) quotes")
                for quote in quotes {
                    let who = quote.speaker ?? quote.source.map { "(\($0))" } ?? "(unattributed)"
                    output.line("  \(who): “\(quote.text)”")
                }
            }
        }
        return failures
    }
}
