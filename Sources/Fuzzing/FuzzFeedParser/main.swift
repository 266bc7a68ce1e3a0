// libFuzzer target: feed documents through `FeedParser.parse` (DESIGN §8, README "Fuzzing").
//
// Each input is parsed twice: as fetched with no HTTP charset or base URL, and with an HTTP charset
// and base URL picked from the input's length (so the corpus stays plain feed files). Invariants
// that must hold for any input end the process with `fatalError`, which libFuzzer reports.
import FeedParsing
import Foundation
import QuoteCore

private let charsets: [String?] = [
    "utf-8", "iso-8859-1", "windows-1252", "utf-16", "utf-16le", "shift_jis", "koi8-r", "x-bogus", nil,
]
private let baseURLs: [String?] = ["https://example.org/news/feed.xml", "file:///srv/feeds/a.xml", "not a url", nil]

/// Seconds since 1970 of 0001-01-01 and 10000-01-01, widened by two days for zone offsets:
/// `FeedDate` only makes dates of years 1...9999.
private let earliest = -62_135_596_800.0 - 172_800
private let latest = 253_402_300_800.0 + 172_800

private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("FuzzFeedParser: " + message()) }
}

private func isTrimmed(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
    return !first.properties.isWhitespace && !last.properties.isWhitespace
}

private func checkText(_ value: String?, _ field: String) {
    guard let value else { return }
    check(isTrimmed(value), "\(field) is empty or not trimmed: \(value.debugDescription.prefix(200))")
}

private func checkDate(_ date: Date?, _ field: String) {
    guard let date else { return }
    let seconds = date.timeIntervalSince1970
    check(seconds.isFinite && seconds >= earliest && seconds <= latest, "\(field) is out of range: \(seconds)")
}

private func checkFeed(_ feed: ParsedFeed, inputSize: Int) {
    // Every item or entry needs at least its start tag (`<item>` is 6 bytes) in the input.
    check(feed.items.count <= inputSize / 5, "\(feed.items.count) items from \(inputSize) bytes")
    if feed.format == nil { check(feed.error != nil, "no format and no error") }
    if feed.items.isEmpty && feed.title == nil && feed.link == nil && feed.description == nil {
        check(feed.error != nil, "nothing parsed and no error")
    }
    checkText(feed.title, "feed title")
    checkText(feed.description, "feed description")
    checkText(feed.language, "feed language")
    checkText(feed.link, "feed link")
    checkDate(feed.updated, "feed updated")
    for (index, item) in feed.items.enumerated() {
        checkText(item.title, "items[\(index)].title")
        checkText(item.author, "items[\(index)].author")
        checkText(item.summary, "items[\(index)].summary")
        checkText(item.content, "items[\(index)].content")
        checkDate(item.published, "items[\(index)].published")
        checkDate(item.updated, "items[\(index)].updated")
        for category in item.categories { checkText(category, "items[\(index)] category") }
        check(Set(item.categories).count == item.categories.count, "items[\(index)] has a repeated category")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    checkFeed(FeedParser.parse(bytes), inputSize: bytes.count)
    let feed = FeedParser.parse(
        bytes, httpCharset: charsets[bytes.count % charsets.count], baseURL: baseURLs[bytes.count % baseURLs.count])
    checkFeed(feed, inputSize: bytes.count)
    return 0
}
