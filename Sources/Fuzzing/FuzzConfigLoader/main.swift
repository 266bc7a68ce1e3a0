// libFuzzer target: feeds.json through `ConfigLoader.load`, and its statements through
// `ConfigLoader.statements` (`match --statements`) into a `StatementMatcher` (DESIGN §8, README
// "Fuzzing"). A rejected document must name every problem by its JSON path; an accepted one must
// hold only values the daemon can use.
import Foundation
import QuoteCore

private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("FuzzConfigLoader: " + message()) }
}

private let topKeys: Set<String> = ["refreshInterval", "database", "feeds", "statements"]

/// A duration the scheduler and curl can use: finite and positive.
private func isDuration(_ seconds: Double) -> Bool { seconds.isFinite && seconds > 0 }

/// The first step of a JSON path: a bare key up to "." or "[", or the JSON string of `["key"]`; and
/// what follows it. nil when the path does not start with either.
private func head(_ path: String) -> (key: String, rest: Substring)? {
    let scalars = path.unicodeScalars
    guard scalars.first == "[" else {
        let end = scalars.firstIndex { $0 == "." || $0 == "[" } ?? scalars.endIndex
        return (String(scalars[..<end]), Substring(scalars[end...]))
    }
    var index = scalars.index(after: scalars.startIndex)
    guard index < scalars.endIndex, scalars[index] == "\"" else { return nil }
    let open = index
    var escaped = false
    index = scalars.index(after: index)
    while index < scalars.endIndex {
        let scalar = scalars[index]
        if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { break }
        index = scalars.index(after: index)
    }
    guard index < scalars.endIndex else { return nil }
    let close = scalars.index(after: index)
    guard close < scalars.endIndex, scalars[close] == "]" else { return nil }
    let literal = Array(String(scalars[open...index]).utf8)
    guard let key = (try? JSONValue.parse(literal))?.stringValue else { return nil }
    return (key, Substring(scalars[scalars.index(after: close)...]))
}

private func checkConfig(_ config: Config) {
    check(isDuration(config.refreshInterval) && config.refreshInterval >= ConfigLoader.minimumRefreshInterval,
          "refreshInterval \(config.refreshInterval) accepted")
    check(config.databasePath.hasPrefix("/"), "database path \(config.databasePath) is not absolute")
    check(Set(config.feeds.map(\.id)).count == config.feeds.count, "duplicate feed ids accepted")
    for feed in config.feeds {
        check(!feed.id.isEmpty && !feed.url.isEmpty, "feed \(feed.id.debugDescription) with an empty id or url")
        if let interval = feed.refreshInterval {
            check(isDuration(interval) && interval >= ConfigLoader.minimumRefreshInterval, "feed \(feed.id) refreshInterval \(interval) accepted")
        }
        check(isDuration(feed.connectTimeout) && isDuration(feed.timeout), "feed \(feed.id) timeouts \(feed.connectTimeout), \(feed.timeout) accepted")
    }
    checkStatements(config.statements, "config")
}

private func checkStatements(_ statements: [Statement], _ mode: String) {
    check(Set(statements.map(\.id)).count == statements.count, "\(mode): duplicate statement ids accepted")
    for statement in statements {
        check(statement.threshold > 0 && statement.threshold <= 1, "\(mode): threshold \(statement.threshold) accepted")
        check(!statement.text.allSatisfy(\.isWhitespace), "\(mode): an empty statement text accepted")
    }
    // Every statement whose text has words matches its own text exactly.
    let matcher = StatementMatcher(statements: statements)
    for statement in statements where !TextNormalizer.tokens(statement.text).isEmpty {
        let found = matcher.candidates(for: MatchInput(text: statement.text, speaker: statement.speaker, context: statement.text))
        check(found.contains { $0.statementID == statement.id }, "\(mode): \(statement.id) does not match its own text")
        for match in found { check(match.score.isFinite && match.score > 0 && match.score <= 1, "\(mode): score \(match.score)") }
    }
}

/// Every issue has a message, and a path naming something in (or missing from) the document; only
/// a document that is not JSON, or not an object, is faulted as a whole (empty path).
private func checkIssues(_ error: ConfigError, wholeDocument: Bool, allowed: (String) -> Bool, _ mode: String) {
    check(!error.issues.isEmpty, "\(mode): an error without issues")
    for issue in error.issues {
        check(!issue.message.isEmpty, "\(mode): an issue without a message at \(issue.path)")
        if issue.path.isEmpty {
            check(wholeDocument, "\(mode): no JSON path for \(issue.message)")
        } else {
            check(allowed(issue.path), "\(mode): path \(issue.path.debugDescription) names nothing in the document")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    let parsed = try? JSONValue.parse([UInt8](bytes))
    let root = parsed?.objectValue == nil ? nil : parsed
    do {
        let config = try ConfigLoader.load(
            bytes, source: "feeds.json", configDirectory: "/etc/quotewatch", stateDirectory: size % 2 == 0 ? nil : "/var/lib/quotewatch")
        checkConfig(config)
    } catch {
        // A known top-level key and what is in it, or an unknown key of the document, named alone.
        checkIssues(error, wholeDocument: root == nil, allowed: { path in
            guard let (key, rest) = head(path) else { return false }
            return topKeys.contains(key) || (root?[key] != nil && rest.isEmpty)
        }, "load")
    }
    // `match --statements`: a list of statements, or a document's "statements".
    guard let parsed else { return 0 }
    let list = root?["statements"] ?? parsed
    do {
        checkStatements(try ConfigLoader.statements(list, source: "statements.json"), "statements")
    } catch {
        checkIssues(error, wholeDocument: false, allowed: { head($0)?.key == "statements" }, "statements")
    }
    return 0
}
