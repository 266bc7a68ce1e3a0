import Foundation
import Testing

@testable import FeedParsing

@Suite("ArticleExtractor")
struct ArticleExtractorTests {
    @Test func keepsTheBodyAndDropsBoilerplate() throws {
        let text = ArticleExtractor.mainText(fromHTML: try FixtureLoader.bytes("article.html"))
        let paragraphs = text.components(separatedBy: "\n\n")
        #expect(
            paragraphs.contains(
                "The defence minister told allies on Thursday that returning to the borders of 2014 was \u{201C}unrealistic\u{201D}, according to three officials present at the meeting in Brussels."
            ))
        #expect(text.contains("\u{201C}We have to be honest with each other,\u{201D} he said"))
        #expect(text.contains("Several foreign ministers, including those of Poland"))
        #expect(text.contains("minister\u{2019}s words had been taken out of context."))
        for boilerplate in [
            "Politics", "cookies to improve", "Photo: Agency", "Allies split", "Read more", "Most read",
            "Storm hits coast", "Quiz of the week", "newsletter", "All rights reserved", "trackPageView", "analytics",
            "font-family",
        ] {
            #expect(!text.contains(boilerplate), "\(boilerplate) should be gone")
        }
    }

    @Test func fallsBackToBodyText() {
        let text = ArticleExtractor.mainText(fromHTML: Array("<html><body><span>Short note.</span></body></html>".utf8))
        #expect(text == "Short note.")
    }

    @Test func honoursTheCharset() {
        let latin: [UInt8] = Array("<html><body><p>".utf8) + [0x43, 0x61, 0x66, 0xE9] + Array("</p></body></html>".utf8)
        #expect(ArticleExtractor.mainText(fromHTML: latin) == "Café")
        #expect(ArticleExtractor.mainText(fromHTML: latin, httpCharset: "iso-8859-1") == "Café")
        let utf8 = Array("<html><head><meta charset=\"utf-8\"></head><body><p>Zürich</p></body></html>".utf8)
        #expect(ArticleExtractor.mainText(fromHTML: utf8) == "Zürich")
    }

    @Test func emptyInput() {
        #expect(ArticleExtractor.mainText(fromHTML: []) == "")
    }
}
