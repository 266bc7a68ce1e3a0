import Foundation
import QuoteCore
import Testing

/// Attribution across a sentence's phrases and an article's paragraphs (issue 13, second part):
/// who an apposition, a participle, a prepositional phrase, a role, a headline or a transcript line
/// stands for. Each row is invented news text and what a person reading it would answer.
enum DiscourseCases {
    /// A person set off by commas or dashes after a role or an institution speaks, not the role.
    static let appositions: [ExtractionCase] = [
        ExtractionCase("a role, then the name between commas",
            "Germany’s delegation head, Friederike Holm, struck a conciliatory tone. She said Berlin would discuss “innovative sources” of finance.",
            ["innovative sources | Friederike Holm | speech"]),
        ExtractionCase("an indefinite role, the name and an age",
            "One supporter, Devon Achebe, 41, who has held a season ticket for years, said: “We sang it louder after we lost.”",
            ["We sang it louder after we lost. | Devon Achebe | speech"]),
        ExtractionCase("a role with its own role word before the name",
            "The chair of the judges, the critic Desmond Kaye, called the book “a furious, tender masterpiece.”",
            ["a furious, tender masterpiece. | Desmond Kaye | speech"]),
        ExtractionCase("an organisation's plural possessive before the name",
            "The regional organiser of the Energy Workers' Alliance, Sian Maddox, called the timetable \"brutal\".",
            ["brutal | Sian Maddox | speech"]),
        ExtractionCase("a name between dashes",
            "A former presidential candidate -- John McCain, who lost in 2008 -- said the president \"offered no changes to his strategy.\"",
            ["offered no changes to his strategy. | John McCain | speech"]),
        ExtractionCase("the name before a long appositive and who",
            "The operation was led by Ignacio Ferreyra, an engineer with the safety service, who described it as “the hardest forty hours of my career.” “We thought we had lost the tunnel,” he said.",
            ["the hardest forty hours of my career. | Ignacio Ferreyra | speech", "We thought we had lost the tunnel | Ignacio Ferreyra | speech"]),
        ExtractionCase("a dateline opens the paragraph",
            "SANTIAGO, Chile — The team’s leader, Oksana Melnyk, said on Thursday that it was “not a glitch.”",
            ["not a glitch. | Oksana Melnyk | speech"]),
    ]

    /// A name inside a prepositional phrase is not the subject; the phrase it hangs from is.
    static let prepositional: [ExtractionCase] = [
        ExtractionCase("a role for a named person",
            "A former bookkeeper for the developer Curtis Lindqvist testified that invoices were “quietly buried” in a storage unit.",
            ["quietly buried | nil | speech | A former bookkeeper"]),
        ExtractionCase("a place after the source",
            "One engineer in Austin, who spoke on condition of anonymity, said: “Nobody said sorry.”",
            ["Nobody said sorry. | nil | speech | One engineer"]),
        ExtractionCase("a clause of its own is no prepositional phrase",
            "Hillary Clinton handled emails in a way FBI Director James Comey slammed as “extremely careless.”",
            ["extremely careless. | James Comey | speech"]),
        ExtractionCase("a sentence that opens with a preposition, and people by what they do",
            "Outside Gate 5, strikers chanted “No contract, no cargo!” as trucks turned away.",
            ["No contract, no cargo! | nil | speech | strikers"]),
    ]

    /// A participle after a comma continues the reporting verb before it, or an absolute phrase.
    static let participles: [ExtractionCase] = [
        ExtractionCase("a participle continuing a said-after",
            "The council will keep rates high for “as long as it takes,” Governor Ngozi Okafor said on Tuesday, warning that inflation was “stickier than anyone expected.”",
            ["as long as it takes | Ngozi Okafor | speech", "stickier than anyone expected. | Ngozi Okafor | speech"]),
        ExtractionCase("absolute phrases after with",
            "The candidates clashed on Tuesday, with the Republican, Jordan Sandoval, promising “no new taxes, period” and his rival, Renata Coelho-Burke, accusing him of “math by slogan.”",
            ["no new taxes, period | Jordan Sandoval | speech", "math by slogan. | Renata Coelho-Burke | speech"]),
        ExtractionCase("a participle after an object that is no absolute phrase",
            "Elizabeth Warren appeared with Rachel Maddow and endorsed Hillary Clinton, saying, “She is a fighter.”",
            ["She is a fighter. | Elizabeth Warren | speech"]),
        ExtractionCase("the narration before a quote, when the attribution after it leads into the next",
            "The exchange came between Mrs. Terry Nakamura and Mr. Andre Whitfield. When Mr. Whitfield said the majority had “caved to the union,” she shot back, “I have never caved to anyone.”",
            ["caved to the union | Andre Whitfield | speech", "I have never caved to anyone. | Terry Nakamura | speech"]),
        ExtractionCase("a verb that takes an object, not a speaker, after a quote",
            "Donald Trump summed up Hillary Clinton as “terrible,” denounced her record and said she should not run.",
            ["terrible | Donald Trump | speech"]),
    ]

    /// Roles the article gives a person; genders that a name or a title gives.
    static let roles: [ExtractionCase] = [
        ExtractionCase("a kin role the article gave someone",
            "His mother, Sunanda Shinde, 61, has farmed the land since she married. Anand Kulkarni shook his head.\nHis mother interrupted. “Tell them the truth,” she said.",
            ["Tell them the truth | Sunanda Shinde | speech"]),
        ExtractionCase("an office stays an office",
            "Judge Emmet Sullivan set a deadline. “This case is about the public’s right to know,” the judge said.",
            ["This case is about the public’s right to know | nil | speech | the judge"]),
        ExtractionCase("a pronoun far from the name does not give its gender",
            "Bernard Fiala spent the afternoon trying to undermine her account. “You moved those boxes,” he said.",
            ["You moved those boxes | Bernard Fiala | speech"]),
        ExtractionCase("a place that is a first name",
            "Republican Jordan Sandoval spoke first. “No new taxes,” Sandoval said.",
            ["No new taxes | Jordan Sandoval | speech"]),
        ExtractionCase("’s for is after a name",
            "Eric Trump’s not so sure his father gave the charity money. “I can’t name one gift,” he said.",
            ["I can’t name one gift | Eric Trump | speech"]),
    ]

    /// Organisations: a company's first word alone is the company, and so is a company that speaks.
    static let organisations: [ExtractionCase] = [
        ExtractionCase("a company named by its first word",
            "Northwind Energy will close the plant. Workers at Northwind were told on Monday. Northwind said it had offered “enhanced redundancy terms.”",
            ["enhanced redundancy terms. | nil | speech | Northwind"]),
        ExtractionCase("an outlet by its trade word",
            "The critic Tamsin Greer praised the show. The Gulf Coast Review reported that the band had turned down “a seven-figure offer.”",
            ["a seven-figure offer. | nil | speech | The Gulf Coast Review"]),
    ]

    /// People named by no role ("the man", "one woman") are unnamed sources; a source named only in
    /// narration speaks for the next sentence's terms, not for the paragraph's.
    static let unnamedPeople: [ExtractionCase] = [
        ExtractionCase("a short reply by a man the article does not name",
            "The police closed the road at noon. “No,” the man said, when asked whether he had seen the driver.",
            ["No | nil | speech | the man"]),
        ExtractionCase("an inverted attribution to a visitor",
            "The door opened. “Leave the hat,” said her visitor, in a muffled voice.",
            ["Leave the hat | nil | speech | her visitor"]),
        ExtractionCase("terms long after a group repeated phrases",
            "Children would often merely repeat the phrases they heard. The stove was lit at six. The wood was cut at seven. Then the “hired-man” came in.",
            ["hired-man | nil | scare"]),
        ExtractionCase("a title-case song a group sings, then a group that speaks",
            "Before every game, the club’s supporters sing “Harbour Lights,” a ballad by a local band. Residents have long mocked the “harbour tax.”",
            ["Harbour Lights | nil | scare | nil", "harbour tax. | nil | speech | Residents"]),
    ]

    /// Headlines whose speaker is a role, or follows the verb.
    static let headlines: [ExtractionCase] = [
        ExtractionCase("a role the body gives someone",
            "Director Calls Her Film ‘a Letter to My Mother’\n\nThe German director Ines Falkenrath has described the film as “a letter to my mother.”",
            ["a Letter to My Mother | Ines Falkenrath | speech", "a letter to my mother. | Ines Falkenrath | speech"]),
        ExtractionCase("an office of several words",
            "Texas Attorney General Calls Merger ‘a Monopoly in Slow Motion’\n\nAttorney General Wade Corliss called the deal “a monopoly in slow motion.”",
            ["a Monopoly in Slow Motion | Wade Corliss | speech", "a monopoly in slow motion. | Wade Corliss | speech"]),
        ExtractionCase("the speaker after the verb, a role nobody is given",
            "‘I Wrote It to Stay Sane,’ Says Prize-Winning Novelist\n\nFarida Nasser won the prize on Wednesday. Nasser thanked her publisher.",
            ["I Wrote It to Stay Sane | Farida Nasser | speech"]),
        ExtractionCase("a number in the headline",
            "Solvend to Cut 1,200 Jobs in ‘Reset,’ Chief Says\n\nSolvend Systems will cut jobs in what chief executive Marcus Ellery described as a “reset.”",
            ["Reset | Marcus Ellery | speech", "reset. | Marcus Ellery | speech"]),
    ]

    /// Interview transcripts.
    static let transcripts: [ExtractionCase] = [
        ExtractionCase("Q and A after an introduction naming the interviewer",
            "Ines Falkenrath spoke with the festival’s director, Paolo Venturini, about the film. An excerpt:\n\nQ: “Why an orchard?”\n\nA: “Because my mother kept one.”",
            ["Why an orchard? | Paolo Venturini | speech", "Because my mother kept one. | Ines Falkenrath | speech"]),
        ExtractionCase("Q and A with an outlet asking",
            "Farida Nasser spoke to Meridian News the next morning. An edited transcript:\n\nQ: “Did he see the book?”\n\nA: “No.”",
            ["Did he see the book? | nil | speech", "No. | Farida Nasser | speech"]),
        ExtractionCase("surnames in capitals",
            "The candidates, Jordan Sandoval and Renata Coelho-Burke, debated on Tuesday.\n\nSANDOVAL: “From waste.”\n\nCOELHO-BURKE: “There were no consultants.”",
            ["From waste. | Jordan Sandoval | speech", "There were no consultants. | Renata Coelho-Burke | speech"]),
    ]
}

@Suite("Attribution: discourse") struct ExtractionDiscourseTests {
    let extractor = QuoteExtractor()

    func check(_ row: ExtractionCase) {
        let withSource = row.expected.contains { $0.components(separatedBy: " | ").count == 4 }
        let found = extractor.quotes(in: row.text).map { render($0, withSource: withSource) }
        #expect(found == row.expected, "\(row.text)")
    }

    @Test(arguments: DiscourseCases.appositions) func appositions(_ row: ExtractionCase) { check(row) }
    @Test(arguments: DiscourseCases.prepositional) func prepositionalPhrases(_ row: ExtractionCase) { check(row) }
    @Test(arguments: DiscourseCases.participles) func participles(_ row: ExtractionCase) { check(row) }
    @Test(arguments: DiscourseCases.roles) func roles(_ row: ExtractionCase) { check(row) }
    @Test(arguments: DiscourseCases.organisations) func organisations(_ row: ExtractionCase) { check(row) }
    @Test(arguments: DiscourseCases.unnamedPeople) func unnamedPeople(_ row: ExtractionCase) { check(row) }
    @Test(arguments: DiscourseCases.headlines) func headlines(_ row: ExtractionCase) { check(row) }
    @Test(arguments: DiscourseCases.transcripts) func transcripts(_ row: ExtractionCase) { check(row) }
}
