import Foundation
import QuoteCore
import Testing

@testable import FeedParsing

/// Evaluates the `Expect:` lines of feedparser's own test feeds (`../shared/corpus/feedparser`)
/// against `FeedParser.parse`, for the fields the `parse --json` contract models (DESIGN §3), and
/// asserts a pass-rate floor so regressions show. Set FEEDPARSER_EXPECT_VERBOSE=1 to list misses.
///
/// The harness does what feedparser's does: the document URL is `http://127.0.0.1:8097/<path>`,
/// and the file's `Header:` comment lines are the HTTP response (`Content-Location` becomes the base
/// URL, the `Content-Type` charset is passed as `httpCharset`).
///
/// Which expectations count (everything else is skipped as not modelled):
/// - `bozo` / `not bozo` → `wellFormed` (reported on its own).
/// - feed: `title`, `link`, `description`/`subtitle`/`tagline`, `language` (and `*_detail.value`).
/// - entries[N]: `id`/`guid`, `title`, `link`, `summary`/`description` (feedparser's summary falls
///   back to the content when an entry has no summary, so ours is `summary ?? content`),
///   `content[0].value`, `published`/`issued` and `updated`/`modified`/`date` (strings and
///   `*_parsed` tuples), `tags[K].term` (our `categories[K]`).
///
/// How values compare (the same rules for every file):
/// - Dates: a `*_parsed` tuple must equal our date's UTC year, month, day, hour, minute, second; a
///   date string must denote the same instant as ours (the contract gives ISO 8601 UTC, not the
///   feed's own spelling).
/// - Plain-text fields (titles, feed description, ids, links, language, categories): equal after
///   trimming. feedparser returns the markup of an HTML or XHTML text construct (a title with
///   `type="html"`); the contract gives text there, so an expected value with markup also passes
///   when its text content (`HTMLText.plainText`) equals ours. An empty expected string (or markup
///   with no text) is our nil (the contract writes null for empty).
/// - Markup fields (summary, content): equal after `HTMLCanonicalForm` on both sides (tag and
///   attribute spelling, attribute order, character references, whitespace runs).
///
/// Left out, by category:
/// - `sanitize/`: feedparser's HTML sanitizer; quotewatch keeps HTML as the feed gives it.
/// - `cdf/`: Microsoft CDF is not one of the contract's formats.
/// - Files with a `Content-Language` header: the parse API is not given that header.
@Suite("feedparser Expect lines")
struct FeedparserExpectTests {
    /// What one evaluated field is.
    enum Field: String, CaseIterable {
        case feedTitle = "feed.title", feedLink = "feed.link", feedDescription = "feed.description"
        case feedLanguage = "feed.language"
        case id = "entry.id", title = "entry.title", link = "entry.link", summary = "entry.summary"
        case content = "entry.content", published = "entry.published", updated = "entry.updated"
        case category = "entry.category"
    }

    /// The field a path names and, for categories, the index; nil when the contract has no such field.
    static func field(_ path: [String]) -> (Field, Int)? {
        var keys = path
        // `x_detail.value` is `x`.
        if keys.count >= 2, keys.last == "value", keys[keys.count - 2].hasSuffix("_detail") {
            keys.removeLast()
            keys[keys.count - 1] = String(keys[keys.count - 1].dropLast("_detail".count))
        }
        if keys.first == "feed", keys.count == 2 {
            switch keys[1] {
            case "title": return (.feedTitle, 0)
            case "link": return (.feedLink, 0)
            case "description", "subtitle", "tagline": return (.feedDescription, 0)
            case "language": return (.feedLanguage, 0)
            default: return nil
            }
        }
        guard keys.first == "entries", keys.count >= 3 else { return nil }
        let rest = Array(keys.dropFirst(2))
        switch rest {
        case ["id"], ["guid"]: return (.id, 0)
        case ["title"]: return (.title, 0)
        case ["link"]: return (.link, 0)
        case ["summary"], ["description"]: return (.summary, 0)
        case ["content", "0", "value"]: return (.content, 0)
        case ["published"], ["issued"], ["published_parsed"], ["issued_parsed"]: return (.published, 0)
        case ["updated"], ["modified"], ["date"], ["updated_parsed"], ["modified_parsed"], ["date_parsed"]:
            return (.updated, 0)
        default:
            if rest.count == 3, rest[0] == "tags", rest[2] == "term", let k = Int(rest[1]) { return (.category, k) }
            return nil
        }
    }

    enum Actual {
        case text(String?)
        case markup(String?)
        case date(Date?)
    }

    static func actual(_ feed: ParsedFeed, path: [String], field: Field, index: Int) -> Actual {
        let item = path.count > 1 && path[0] == "entries" ? Int(path[1]).flatMap { i in
            feed.items.indices.contains(i) ? feed.items[i] : nil
        } : nil
        switch field {
        case .feedTitle: return .text(feed.title)
        case .feedLink: return .text(feed.link)
        case .feedDescription: return .text(feed.description)
        case .feedLanguage: return .text(feed.language)
        case .id: return .text(item?.id)
        case .title: return .text(item?.title)
        case .link: return .text(item?.link)
        case .summary: return .markup(item?.summary ?? item?.content)
        case .content: return .markup(item?.content)
        case .published: return .date(item?.published)
        case .updated: return .date(item?.updated)
        case .category:
            let categories = item?.categories ?? []
            return .text(categories.indices.contains(index) ? categories[index] : nil)
        }
    }

    static func matches(_ actual: Actual, string expected: String) -> Bool {
        let trimmed = expected.trimmingCharacters(in: .whitespacesAndNewlines)
        switch actual {
        case .text(let value):
            let isMarkup = trimmed.contains("<") || trimmed.contains("&")
            guard let value else { return trimmed.isEmpty || isMarkup && HTMLText.plainText(fromHTML: trimmed).isEmpty }
            if value == trimmed { return true }
            return isMarkup && HTMLText.plainText(fromHTML: trimmed) == value
        case .markup(let value):
            guard let value else { return trimmed.isEmpty }
            return HTMLCanonicalForm.of(value) == HTMLCanonicalForm.of(trimmed)
        case .date(let value):
            guard let value, let expectedDate = FeedDate.parse(trimmed) else { return false }
            return value == expectedDate
        }
    }

    static func matches(_ actual: Actual, tuple expected: [Int]) -> Bool {
        guard case .date(let value) = actual, let value, expected.count >= 6 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: value)
        return [c.year, c.month, c.day, c.hour, c.minute, c.second] == expected.prefix(6).map { Optional($0) }
    }

    /// The file's `Header: Name: value` comment lines.
    static func headers(_ head: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in head.split(separator: "\n") where line.hasPrefix("Header:") {
            let body = line.dropFirst("Header:".count).trimmingCharacters(in: .whitespaces)
            guard let colon = body.firstIndex(of: ":") else { continue }
            result[body[..<colon].lowercased()] = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    static func charset(ofContentType type: String?) -> String? {
        guard let type, let range = type.range(of: "charset=", options: .caseInsensitive) else { return nil }
        return String(type[range.upperBound...].prefix { $0 != ";" && $0 != " " })
    }

    @Test(.enabled(if: CorpusTests.feedparserPresent, "needs ../shared/corpus/feedparser"))
    func expectationsPassRate() throws {
        let directory = CorpusTests.feedparserDirectory
        let files = FixtureLoader.files(under: directory).filter { $0.pathExtension == "xml" }
        let verbose = ProcessInfo.processInfo.environment["FEEDPARSER_EXPECT_VERBOSE"] != nil
        var checked: [Field: Int] = [:]
        var passed: [Field: Int] = [:]
        var bozoChecked = 0
        var bozoPassed = 0
        for file in files {
            let relative = String(file.path.dropFirst(directory.path.count + 1))
            if relative.hasPrefix("wellformed/sanitize/") || relative.hasPrefix("wellformed/cdf/") { continue }
            let bytes = Array(try Data(contentsOf: file))
            let head = String(decoding: bytes.prefix(4000).filter { $0 != 0 }, as: UTF8.self)
            guard let line = head.split(separator: "\n").first(where: { $0.contains("Expect:") }) else { continue }
            let headers = Self.headers(head)
            if headers["content-language"] != nil { continue }
            let documentURL = "http://127.0.0.1:8097/tests/" + relative
            var baseURL = documentURL
            if let location = headers["content-location"] {
                baseURL = URL(string: location, relativeTo: URL(string: documentURL))?.absoluteString ?? location
            }
            let feed = FeedParser.parse(
                bytes, httpCharset: Self.charset(ofContentType: headers["content-type"]), baseURL: baseURL)
            let expression = line.components(separatedBy: "Expect:")[1].trimmingCharacters(in: .whitespaces)
            for clause in ExpectClause.clauses(of: expression) {
                switch clause {
                case .bozo(let bozo):
                    bozoChecked += 1
                    if feed.wellFormed != bozo { bozoPassed += 1 } else if verbose { print("MISS \(relative) bozo") }
                case .string(let path, let expected):
                    guard let (field, index) = Self.field(path) else { continue }
                    checked[field, default: 0] += 1
                    let actual = Self.actual(feed, path: path, field: field, index: index)
                    if Self.matches(actual, string: expected) {
                        passed[field, default: 0] += 1
                    } else if verbose {
                        print("MISS \(relative) \(path.joined(separator: ".")): \(actual) != \(expected.debugDescription)")
                    }
                case .tuple(let path, let expected):
                    guard let (field, index) = Self.field(path) else { continue }
                    checked[field, default: 0] += 1
                    let actual = Self.actual(feed, path: path, field: field, index: index)
                    if Self.matches(actual, tuple: expected) {
                        passed[field, default: 0] += 1
                    } else if verbose {
                        print("MISS \(relative) \(path.joined(separator: ".")): \(actual) != \(expected)")
                    }
                case .other:
                    continue
                }
            }
        }
        let total = checked.values.reduce(0, +)
        let totalPassed = passed.values.reduce(0, +)
        for field in Field.allCases where checked[field] != nil {
            print("feedparser Expect \(field.rawValue): \(passed[field, default: 0])/\(checked[field, default: 0])")
        }
        let rate = total == 0 ? 0 : Double(totalPassed) / Double(total)
        let bozoRate = bozoChecked == 0 ? 0 : Double(bozoPassed) / Double(bozoChecked)
        print("feedparser Expect: fields \(totalPassed)/\(total) (\(String(format: "%.1f", rate * 100))%), bozo \(bozoPassed)/\(bozoChecked) (\(String(format: "%.1f", bozoRate * 100))%)")
        #expect(total > 500)
        #expect(rate >= 0.95)
        #expect(bozoRate >= 0.97)
    }
}
