import FeedParsing
import Foundation
import QuoteDaemon
import QuoteCore

extension Commands {
    /// `quotewatch parse [--json] FILE|DIR ...`: one line per feed file; a directory is walked
    /// recursively in name order. A file that cannot be read gets a line with `error` set.
    /// - Returns: the number of files that yielded nothing (for the exit code).
    public static func parse(_ paths: [String], json: Bool, output: LineOutput) -> Int {
        FeedParser.initialize()
        let files = expand(paths)
        var failures = 0
        // The files are parsed on every core; their lines come out in the files' order.
        OrderedWork<ParseLine>.run(count: files.count, work: { parseLine(files[$0], json: json) }) { line in
            if line.failed { failures += 1 }
            output.line(bytes: line.bytes)
        }
        return failures
    }

    /// One file's line of `parse`, and whether the file yielded nothing.
    struct ParseLine: Sendable {
        var bytes: [UInt8]
        var failed: Bool
    }

    static func parseLine(_ file: String, json: Bool) -> ParseLine {
        let feed: ParsedFeed
        do {
            feed = FeedParser.parse(try read(file))
        } catch {
            feed = ParsedFeed(wellFormed: false, error: error.message)
        }
        let failed = feed.error != nil && feed.items.isEmpty
        if json {
            var writer = JSONWriter()
            ContractJSON.write(feed, source: file, into: &writer)
            return ParseLine(bytes: writer.bytes, failed: failed)
        }
        let format = feed.format?.rawValue ?? "not a feed"
        var line = "\(file): \(format), \(feed.items.count) items"
        if let title = feed.title { line += ", \"\(title)\"" }
        // "Recovered" only where something was: a file that is no feed at all says just that.
        if !feed.wellFormed && feed.format != nil { line += " (malformed, recovered)" }
        if let error = feed.error { line += ": \(error)" }
        return ParseLine(bytes: Array(line.utf8), failed: failed)
    }

    /// Files named, with directories replaced by the regular files under them, sorted.
    static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
            for relative in found {
                let full = base + "/" + relative
                var nested: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue {
                    files.append(full)
                }
            }
        }
        return files
    }
}
