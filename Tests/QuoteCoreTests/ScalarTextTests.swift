@testable import QuoteCore
import Testing

/// The tokenizer's strings and character classes: the ASCII fast paths answer what the Unicode
/// tables answer, and non-ASCII text goes through the tables.
struct ScalarTextTests {
    @Test(arguments: ["Hegseth", "McCAIN", "O’Rourke", "Ça va", "İstanbul", "STRASSE", "Straße", "", "a-B 9"])
    func stringsAndLowercaseAgreeWithTheStandardLibrary(_ word: String) {
        let scalars = Array(word.unicodeScalars)
        #expect(ScalarText.string(scalars[...]) == word)
        #expect(ScalarText.lowercased(scalars[...]) == word.lowercased())
    }

    @Test func characterClassesAgreeWithUnicodePropertiesOnEveryASCIIScalar() {
        for value in UInt32(0)..<0x80 {
            let c = Unicode.Scalar(value)!
            #expect(QuoteMarkScanner.isSpace(c) == c.properties.isWhitespace, "\(value)")
            #expect(QuoteMarkScanner.isLetter(c) == c.properties.isAlphabetic, "\(value)")
            #expect(QuoteMarkScanner.isUppercase(c) == c.properties.isUppercase, "\(value)")
            #expect(QuoteMarkScanner.isLowercase(c) == c.properties.isLowercase, "\(value)")
        }
        #expect(QuoteMarkScanner.isLetter("é") && QuoteMarkScanner.isUppercase("Ä") && QuoteMarkScanner.isSpace("\u{2009}"))
    }
}
