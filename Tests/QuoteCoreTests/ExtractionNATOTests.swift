import Foundation
import QuoteCore
import Testing

/// The package root (/work/wt-quotes), found from this file's path.
func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// The shared directory next to the package root (../shared), or nil when absent.
func sharedFile(_ relative: String) -> URL? {
    let url = packageRoot().deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}

/// The scalar slice start..<end of `text`.
func scalarSlice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var v = String.UnicodeScalarView()
    v.append(contentsOf: scalars[start..<end])
    return String(v)
}

@Suite("Extraction: NATO example article")
struct ExtractionNATOTests {
    @Test func natoHegsethBrussels() throws {
        guard let url = sharedFile("examples/nato-hegseth-brussels.txt") else {
            print("skipped: shared/examples/nato-hegseth-brussels.txt is absent")
            return
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let quotes = QuoteExtractor().quotes(in: text)
        for q in quotes {
            #expect(scalarSlice(text, q.start, q.end) == q.text, "offsets of \(q.text)")
        }
        let got = quotes.map { "\($0.text) | \($0.speaker ?? "nil") | \($0.kind.rawValue)" }
        let expected = [
            "unrealistic. | Pete Hegseth | speech",
            "not realistic | Pete Hegseth | speech",
            "robust | Pete Hegseth | speech",
            "lasting | Pete Hegseth | speech",
            "NATO must be stronger (…) not a club of diplomats. | Pete Hegseth | speech",
            "Secretary Hegseth, we hear you. | John Healey | speech",
            "3% | Mark Rutte | speech",
        ]
        #expect(got == expected)
    }
}
