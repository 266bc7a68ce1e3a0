import Foundation
import QuoteDaemon
import QuoteCore

extension Commands {
    /// Reads tracked statements from a JSON list of statements or a whole config's `statements`.
    public static func loadStatements(_ path: String) throws(DaemonError) -> [Statement] {
        let bytes = try read(path)
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(bytes)
        } catch {
            throw DaemonError("\(path) is not valid JSON: \(error)")
        }
        var list = parsed
        if case .object = parsed {
            guard let statements = parsed["statements"] else { throw DaemonError("\(path) has no \"statements\"") }
            list = statements
        }
        do {
            return try ConfigLoader.statements(list, source: path)
        } catch {
            throw DaemonError(error.description)
        }
    }

    /// `quotewatch match [--json] --statements FILE [QUOTES|-]`: the statement each quote matches.
    ///
    /// Quotes are JSON lines `{"text": ..., "speaker": ...}` or plain lines. The speaker check
    /// applies when a quote names its speaker; a quote without one is matched on its words alone.
    public static func match(statements: [Statement], lines: [String], json: Bool, output: LineOutput) {
        let matcher = StatementMatcher(statements: statements)
        let quotes = lines.filter { !$0.allSatisfy(\.isWhitespace) }
        // The quotes are matched on every core, a run of them at a time; the lines come out in order.
        let run = 64
        OrderedWork<[UInt8]>.run(count: (quotes.count + run - 1) / run, work: { chunk in
            var bytes: [UInt8] = []
            for line in quotes[(chunk * run)..<min(quotes.count, (chunk + 1) * run)] {
                if !bytes.isEmpty { bytes.append(0x0A) }
                matchLine(line, matcher: matcher, json: json, into: &bytes)
            }
            return bytes
        }) { output.line(bytes: $0) }
    }

    /// The line of `match` for one quote line (without its line end), appended to `bytes`.
    private static func matchLine(_ line: String, matcher: StatementMatcher, json: Bool, into bytes: inout [UInt8]) {
        var text = line
        var speaker: String?
        if line.first == "{", let object = try? JSONValue.parse(Array(line.utf8)), let quoted = object["text"]?.stringValue {
            text = quoted
            speaker = object["speaker"]?.stringValue
        }
        let input = MatchInput(text: text, speaker: speaker)
        let best = speaker == nil ? matcher.candidates(for: input).first : matcher.bestMatch(for: input)
        if json {
            ContractJSON.match(best).write(to: &bytes)
        } else if let best {
            bytes.append(contentsOf: "\(best.statementID)\t\(String(format: "%.3f", best.score))\t\(best.tier.rawValue)\t\(text)".utf8)
        } else {
            bytes.append(contentsOf: "-\t0\t-\t\(text)".utf8)
        }
    }
}
