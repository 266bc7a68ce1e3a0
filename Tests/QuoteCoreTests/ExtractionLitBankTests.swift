import Foundation
import QuoteCore
import Testing

/// Measures quote-span recall and precision on LitBank's quotation layer (../shared/corpus/quotes/litbank,
/// CC BY 4.0). LitBank is pre-tokenized fiction, one sentence per line; the text is detokenized here
/// (no space before closing marks and punctuation, none after opening marks) and the sentences of a
/// book are joined with spaces into one paragraph, since LitBank does not keep paragraph breaks.
/// A gold quote's span includes its marks; it is compared with our `start..<end` after trimming the
/// marks, whitespace and one trailing comma as the extractor does (terminal . ? ! … are kept).
@Suite("Extraction: LitBank")
struct ExtractionLitBankTests {
    struct Book {
        var text: String
        /// Scalar range of each token, by sentence then token.
        var tokens: [[Range<Int>]]
        var gold: [(range: Range<Int>, speaker: String)]
    }

    static let closing: Set<String> = [",", ".", ";", ":", "!", "?", ")", "]", "”", "’", "'", "n't", "n’t", "%", "…"]

    static func load(_ base: URL) throws -> Book {
        let lines = try String(contentsOf: base.appendingPathExtension("txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        var scalars: [Unicode.Scalar] = []
        var tokens: [[Range<Int>]] = []
        var noSpaceNext = true
        var straightOpen = false  // straight double quotes alternate open/close, as in Moses detokenization
        for line in lines {
            var row: [Range<Int>] = []
            for tok in line.split(separator: " ") {
                let word = String(tok)
                var attach = closing.contains(word) || word.hasPrefix("'") || word.hasPrefix("’") && word.count > 1
                if word == "\"" { attach = straightOpen; straightOpen.toggle() }
                if !noSpaceNext && !attach { scalars.append(" ") }
                let start = scalars.count
                scalars.append(contentsOf: word.unicodeScalars)
                row.append(start..<scalars.count)
                noSpaceNext = word == "“" || word == "‘" || word == "(" || word == "[" || (word == "\"" && straightOpen)
            }
            tokens.append(row)
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        let text = String(v)

        var speakers: [String: String] = [:]
        var quotes: [(String, Int, Int, Int, Int)] = []
        let ann = try String(contentsOf: base.appendingPathExtension("ann"), encoding: .utf8)
        for row in ann.split(separator: "\n") {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f.first == "QUOTE", f.count >= 6, let a = Int(f[2]), let b = Int(f[3]), let c = Int(f[4]), let d = Int(f[5]) {
                quotes.append((f[1], a, b, c, d))
            } else if f.first == "ATTRIB", f.count >= 3 {
                speakers[f[1]] = f[2]
            }
        }
        var gold: [(Range<Int>, String)] = []
        let marks: Set<String> = ["“", "”", "‘", "’", "\"", "'", "—", "--"]
        for (id, ss, st, es, et) in quotes where ss < tokens.count && es < tokens.count && st < tokens[ss].count && et < tokens[es].count {
            var a = tokens[ss][st].lowerBound
            var b = tokens[es][et].upperBound
            let first = String(String.UnicodeScalarView(scalars[tokens[ss][st]]))
            let last = String(String.UnicodeScalarView(scalars[tokens[es][et]]))
            if marks.contains(first) { a = tokens[ss][st].upperBound }
            if marks.contains(last) { b = tokens[es][et].lowerBound }
            while a < b && scalars[a].properties.isWhitespace { a += 1 }
            while b > a && scalars[b - 1].properties.isWhitespace { b -= 1 }
            if b > a && scalars[b - 1] == "," { b -= 1 }
            while b > a && scalars[b - 1].properties.isWhitespace { b -= 1 }
            if b > a { gold.append((a..<b, speakers[id] ?? "")) }
        }
        return Book(text: text, tokens: tokens, gold: gold)
    }

    @Test func quoteSpanRecallAndPrecision() throws {
        guard let dir = sharedFile("corpus/quotes/litbank/tsv") else {
            print("skipped: shared/corpus/quotes/litbank is absent")
            return
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".ann") }.sorted()
        var goldCount = 0, predCount = 0, exact = 0, overlapGold = 0, overlapPred = 0
        var speakerJudged = 0, speakerRight = 0
        var misses: [String] = []
        let extractor = QuoteExtractor()
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var chars = 0
        for file in files {
            let base = dir.appendingPathComponent(String(file.dropLast(4)))
            let book = try Self.load(base)
            chars += book.text.unicodeScalars.count
            var quotes: [Quote] = []
            elapsed += clock.measure { quotes = extractor.quotes(in: book.text) }
            let speech = quotes.filter { $0.kind == .speech }
            goldCount += book.gold.count
            predCount += speech.count
            let predRanges = speech.map { $0.start..<$0.end }
            var predHit = [Bool](repeating: false, count: speech.count)
            for g in book.gold {
                if let i = predRanges.firstIndex(of: g.range) {
                    exact += 1
                    if let name = speech[i].speaker {
                        speakerJudged += 1
                        let last = name.split(separator: " ").last.map { $0.lowercased() } ?? ""
                        if g.speaker.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" }).contains(where: { $0 == last }) {
                            speakerRight += 1
                        }
                    }
                }
                if let i = predRanges.firstIndex(where: { $0.overlaps(g.range) }) {
                    overlapGold += 1
                    predHit[i] = true
                }
            }
            for (i, r) in predRanges.enumerated() where !predHit[i] && book.gold.contains(where: { $0.range.overlaps(r) }) {
                predHit[i] = true
            }
            let scalars = Array(book.text.unicodeScalars)
            func span(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
            for (i, r) in predRanges.enumerated() where !book.gold.contains(where: { $0.range == r }) {
                misses.append("EXTRA\t\(file)\t\(span(r))\t\(speech[i].speaker ?? "-")")
            }
            for g in book.gold where !predRanges.contains(g.range) { misses.append("MISS\t\(file)\t\(span(g.range))") }
            overlapPred += predHit.filter { $0 }.count
        }
        // QW_LITBANK_MISSES=FILE lists every quote predicted but not gold (EXTRA) and gold but not predicted (MISS).
        if let dump = ProcessInfo.processInfo.environment["QW_LITBANK_MISSES"] {
            try misses.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8)
        }
        func pct(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : (Double(a) / Double(b) * 1000).rounded() / 10 }
        print("""
            LitBank: \(files.count) books, \(goldCount) gold quotes, \(predCount) predicted speech quotes
              exact span: recall \(pct(exact, goldCount))%, precision \(pct(exact, predCount))%
              overlapping span: recall \(pct(overlapGold, goldCount))%, precision \(pct(overlapPred, predCount))%
              named speaker agrees with gold (surname in gold id) on exact matches: \(speakerRight)/\(speakerJudged) (\(pct(speakerRight, speakerJudged))%)
              extraction time \(elapsed) for \(chars) characters
            """)
        // Floors a little under the figures measured when this test was written (88.6% / 90.2%).
        #expect(pct(exact, goldCount) >= 85)
        #expect(pct(exact, predCount) >= 85)
    }
}
