import Foundation
import QuoteCore
import Testing

/// ``EnglishStemmer`` against the Snowball project's English reference data: every expected stem in
/// the table and the sample is copied from english/output.txt of snowballstem/snowball-data (see
/// Fixtures/stemmer/LICENSE), none from this implementation.
@Suite("EnglishStemmer")
struct EnglishStemmerTests {
    /// Reference pairs for each step and exception of the algorithm.
    static let table: [(String, String)] = [
        // Exceptional forms
        ("skies", "sky"), ("skis", "ski"), ("sky", "sky"), ("idly", "idl"), ("gently", "gentl"),
        ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"), ("news", "news"),
        ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
        // Short words and apostrophes
        ("as", "as"), ("is", "is"), ("'a'", "a"), ("'as", "as"), ("there's", "there"), ("there's'", "there"),
        ("'s'", "s"),
        // Prelude: y as a consonant
        ("yes", "yes"), ("youth", "youth"), ("yelling", "yell"), ("sayings", "say"), ("enjoying", "enjoy"),
        // R1 exceptions
        ("generate", "generat"), ("generously", "generous"), ("generals", "general"),
        ("communism", "communism"), ("communities", "communiti"), ("arsenal", "arsenal"),
        ("arsenic", "arsenic"), ("pasting", "paste"), ("universe", "univers"), ("universal", "universal"),
        ("universities", "universiti"), ("later", "later"), ("lateral", "lateral"), ("laterally", "lateral"),
        ("emerge", "emerg"), ("emergency", "emergenc"), ("organ", "organ"), ("organic", "organic"),
        ("organize", "organiz"), ("interest", "interest"), ("interval", "interval"),
        ("internal", "internal"),
        // Step 1a
        ("caresses", "caress"), ("ties", "tie"), ("cries", "cri"), ("gas", "gas"), ("gaps", "gap"),
        ("bus", "bus"), ("census", "census"), ("kiss", "kiss"), ("taxes", "tax"), ("nurses", "nurs"),
        ("levels", "level"), ("restores", "restor"),
        // Step 1b
        ("agreed", "agre"), ("feed", "feed"), ("proceed", "proceed"), ("exceed", "exceed"),
        ("succeed", "succeed"), ("succeeded", "succeed"), ("exceedingly", "exceed"), ("consign", "consign"),
        ("consigned", "consign"), ("restored", "restor"), ("hopped", "hop"), ("hoped", "hope"),
        ("added", "add"), ("ebbing", "ebb"), ("troubled", "troubl"), ("fitted", "fit"), ("filled", "fill"),
        ("knowingly", "know"), ("repeatedly", "repeat"), ("dying", "die"), ("lying", "lie"),
        ("tying", "tie"), ("inning", "inning"), ("innings", "inning"), ("outing", "outing"),
        ("canning", "canning"), ("herring", "herring"), ("earring", "earring"), ("evening", "evening"),
        // Step 1c
        ("crying", "cri"), ("happy", "happi"), ("say", "say"),
        // Step 2
        ("conversational", "convers"), ("conditional", "condit"), ("sufficiency", "suffici"),
        ("malignancy", "malign"), ("notably", "notabl"), ("intelligently", "intellig"),
        ("obviously", "obvious"), ("partiality", "partial"), ("carnally", "carnal"), ("activity", "activ"),
        ("volubility", "volubl"), ("indefinably", "indefin"), ("zoology", "zoolog"), ("geologist", "geolog"),
        ("faithfully", "faith"), ("listlessly", "listless"), ("knightly", "knight"),
        ("civilization", "civil"), ("administrator", "administr"), ("idealism", "ideal"),
        ("carefulness", "care"), ("callousness", "callous"), ("effectiveness", "effect"),
        // Step 3
        ("internalize", "internal"), ("dedicate", "dedic"), ("electricity", "electr"),
        ("electrical", "electr"), ("hopeful", "hope"), ("goodness", "good"), ("operative", "oper"),
        ("alternative", "altern"),
        // Step 4
        ("governments", "govern"), ("allowance", "allow"), ("inference", "infer"), ("defensible", "defens"),
        ("dependent", "depend"), ("adjustment", "adjust"), ("adoption", "adopt"),
        ("communicate", "communic"), ("abundant", "abund"), ("effective", "effect"), ("accusative", "accus"),
        // Step 5
        ("rate", "rate"), ("controlled", "control"), ("all", "all"), ("appall", "appal"),
    ]

    @Test(arguments: table)
    func stemsLikeTheReference(word: String, stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }

    /// Every pair of Fixtures/stemmer/english-sample.txt, a tenth of the reference vocabulary.
    @Test func stemsTheReferenceSample() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/stemmer/english-sample", withExtension: "txt"))
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        var count = 0
        var mismatches: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 2, "bad line: \(line)")
            let word = String(fields[0])
            let expected = String(fields[1])
            let stem = EnglishStemmer.stem(word)
            if stem != expected { mismatches.append("\(word): \(stem), expected \(expected)") }
            count += 1
        }
        #expect(count == 4265)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
    }

    /// Odd input neither traps nor changes what it should not. The stems here are those of the
    /// official Snowball C stemmer (snowballstem/snowball, `stemwords -l english`).
    @Test func oddInput() {
        for word in ["", "'", "''", "y", "yy", "'s", "ab"] {
            #expect(EnglishStemmer.stem(word) == word)
        }
        #expect(EnglishStemmer.stem("'''") == "'")
        #expect(EnglishStemmer.stem("y's") == "y")
        #expect(EnglishStemmer.stem("yyyy") == "yyyi")
        let long = String(repeating: "a", count: 1000)
        #expect(EnglishStemmer.stem(long) == long)
        #expect(EnglishStemmer.stem(String(repeating: "y", count: 1000)) == String(repeating: "y", count: 999) + "i")
        let nations = String(repeating: "nation", count: 200)
        #expect(EnglishStemmer.stem(nations + "alizations") == nations)
    }

    /// Words with anything but a-z and ' are returned as they are (a fast path; Snowball would stem
    /// some of them).
    @Test(arguments: ["é", "naïvely", "cafés", "1990s", "running2", "Running", "co-operating", "nations\u{2019}"])
    func nonLetterWordsAreUnchanged(word: String) {
        #expect(EnglishStemmer.stem(word) == word)
    }
}
