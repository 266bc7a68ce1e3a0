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
        for line in lines where !line.allSatisfy(\.isWhitespace) {
            var text = line
            var speaker: String?
            if line.first == "{", let object = try? JSONValue.parse(Array(line.utf8)), let quoted = object["text"]?.stringValue {
                text = quoted
                speaker = object["speaker"]?.stringValue
            }
            let input = MatchInput(text: text, speaker: speaker)
            let best = speaker == nil ? matcher.candidates(for: input).first : matcher.bestMatch(for: input)
            if json {
                output.line(ContractJSON.match(best))
            } else if let best {
                output.line("\(best.statementID)\t\(String(format: "%.3f", best.score))\t\(best.tier.rawValue)\t\(text)")
            } else {
                output.line("-\t0\t-\t\(text)")
            }
        }
    }
}
