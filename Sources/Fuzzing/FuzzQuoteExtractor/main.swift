// libFuzzer target: quote extraction and statement matching (DESIGN §8, README "Fuzzing").
//
// The input is read twice: as a plain-text article (UTF-8) and as an item's HTML body turned into
// text by `HTMLText.plainText`, as the daemon does. The quotes of both go through `ItemAnalyzer`
// against the bundled example's statements, which also runs `QuoteContext` on every offset.
import FeedParsing
import Foundation
import QuoteCore

private let extractor = QuoteExtractor()
private let matcher = StatementMatcher(statements: [
    Statement(id: "hegseth-borders", speaker: "Pete Hegseth", aliases: ["Hegseth", "Secretary Hegseth"],
              text: "Returning to Ukraine's pre-2014 borders is unrealistic"),
    Statement(id: "hegseth-ukraine-nato", speaker: "Pete Hegseth", aliases: ["Hegseth", "Secretary Hegseth"],
              text: "NATO membership for Ukraine is not realistic"),
    Statement(id: "healey-we-hear-you", speaker: "John Healey", aliases: ["Healey"],
              text: "Secretary Hegseth, we hear you", threshold: 0.75),
    Statement(id: "nato-five-percent", speaker: "Donald Trump", aliases: ["Trump", "President Trump"],
              text: "NATO countries should spend 5% of GDP on defence"),
    Statement(id: "unattributed", text: "The alliance will not be divided", threshold: 0.5),
])

private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("FuzzQuoteExtractor: " + message()) }
}

/// `Quote`'s contract: `text` is the scalar slice `start..<end` of the text, non-empty, trimmed;
/// quotes in order and not overlapping (nested quotes belong to the outer one); only `.speech`
/// quotes carry a speaker or source.
private func checkQuotes(_ quotes: [Quote], in text: String, _ mode: String) {
    let scalars = Array(text.unicodeScalars)
    var previousEnd = 0
    for (index, quote) in quotes.enumerated() {
        let label = "\(mode) quotes[\(index)] \(quote.start)..<\(quote.end) of \(scalars.count)"
        check(quote.start >= 0 && quote.start < quote.end && quote.end <= scalars.count, "\(label): offsets out of range")
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[quote.start..<quote.end])
        check(String(slice) == quote.text, "\(label): text \(quote.text.debugDescription) is not the slice \(String(slice).debugDescription)")
        check(!scalars[quote.start].properties.isWhitespace && !scalars[quote.end - 1].properties.isWhitespace, "\(label): not trimmed")
        check(quote.start >= previousEnd, "\(label): overlaps or precedes the previous quote (ending at \(previousEnd))")
        previousEnd = quote.end
        if quote.kind != .speech { check(quote.speaker == nil && quote.source == nil, "\(label): a \(quote.kind) with a speaker") }
        if let speaker = quote.speaker { check(!speaker.isEmpty, "\(label): empty speaker") }
        if let source = quote.source { check(!source.isEmpty, "\(label): empty source") }
    }
}

private func analyze(_ text: String, _ mode: String) {
    let quotes = extractor.quotes(in: text)
    checkQuotes(quotes, in: text, mode)
    // Every statement as if quoted before, so the tracking of moved and reversed quotes runs too.
    let analysis = ItemAnalyzer.analyze(text: text, quotes: quotes, matcher: matcher, previouslyQuoted: Set(matcher.statements.map(\.id)))
    let speech = Set(quotes.filter { $0.kind == .speech }.map(\.text))
    for (id, state) in analysis.matched.merging(analysis.tracked, uniquingKeysWith: { first, _ in first }) {
        check(state.statementID == id && matcher.statement(id: id) != nil, "\(mode): state for an unknown statement \(id)")
        check(state.score.isFinite && state.score > 0 && state.score <= 1, "\(mode): \(id) scored \(state.score)")
        check(speech.contains(state.quote), "\(mode): \(id) matched a quote that is not a speech quote")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuoteExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    analyze(text, "text")
    analyze(HTMLText.plainText(fromHTML: text), "html")
    return 0
}
