// libFuzzer target: HTML to plain text, through `HTMLText.plainText` (feed item bodies) and
// `ArticleExtractor.mainText` (article pages), DESIGN §8 and README "Fuzzing".
//
// The input is the HTML: decoded as UTF-8 for `plainText`, as bytes with an HTTP charset picked
// from its length for `mainText`. Both must return text in the `HTMLText` format, checked here.
import FeedParsing
import Foundation

private let charsets: [String?] = [nil, "utf-8", "windows-1252", "iso-8859-2", "utf-16", "x-bogus"]

private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("FuzzHTMLText: " + message()) }
}

/// White space `PlainTextBuilder` folds into a single " " (or drops): none of it may survive.
private let foldedSpaces: Set<Unicode.Scalar> = ["\t", "\r", "\u{0C}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{FEFF}"]

/// The `HTMLText` format: paragraphs separated by "\n\n", lines by "\n"; inside a line single spaces
/// only; every line trimmed of white space; nothing before the first or after the last line.
private func checkPlainText(_ text: String, _ component: String) {
    let scalars = Array(text.unicodeScalars)
    if let first = scalars.first, let last = scalars.last {
        check(first != "\n" && last != "\n", "\(component): text starts or ends with a line break")
    }
    var previous: Unicode.Scalar = "\n"
    for (index, scalar) in scalars.enumerated() {
        check(!foldedSpaces.contains(scalar), "\(component): U+\(String(scalar.value, radix: 16)) at \(index) survived")
        if scalar == " " {
            check(previous != " ", "\(component): two spaces at \(index)")
        }
        if scalar == "\n" {
            check(!previous.properties.isWhitespace || previous == "\n", "\(component): a line ends with white space at \(index)")
        } else if previous == "\n" {
            check(!scalar.properties.isWhitespace, "\(component): a line starts with white space at \(index)")
        }
        previous = scalar
    }
    if let last = scalars.last { check(!last.properties.isWhitespace, "\(component): text ends with white space") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let html = String(decoding: bytes, as: UTF8.self)
    checkPlainText(HTMLText.plainText(fromHTML: html), "HTMLText.plainText")
    let article = ArticleExtractor.mainText(fromHTML: bytes, httpCharset: charsets[bytes.count % charsets.count])
    checkPlainText(article, "ArticleExtractor.mainText")
    return 0
}
