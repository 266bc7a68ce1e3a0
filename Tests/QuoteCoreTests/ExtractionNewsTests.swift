import Foundation
import QuoteCore
import Testing

/// Attribution as real news writes it (issue 13): one table per kind of construction that went
/// wrong, each row an invented piece of news text and what a person reading it would answer.
enum NewsCases {
    /// Short quotes inside narration: speech when a speaker is in reach, a term when nobody is.
    static let partial: [ExtractionCase] = [
        ExtractionCase("called the plan",
            "Senator Ruth Alvarez called the plan “reckless” on Tuesday.",
            ["reckless | Ruth Alvarez | speech"]),
        ExtractionCase("warned of",
            "The central bank governor, Paul Okafor, warned of a “slow-motion crisis” in housing.",
            ["slow-motion crisis | Paul Okafor | speech"]),
        ExtractionCase("dismissed as",
            "Defence Minister Lena Holt dismissed the hearing as “theatre.”",
            ["theatre. | Lena Holt | speech"]),
        ExtractionCase("a named subject accuses",
            "Opposition leader Marta Voss accused the government of “betraying” farmers.",
            ["betraying | Marta Voss | speech"]),
        ExtractionCase("a named subject with an object clause",
            "Governor Ellen Park said the storm response was “a disgrace” and promised an inquiry.",
            ["a disgrace | Ellen Park | speech"]),
        ExtractionCase("an unnamed group of critics",
            "Critics have mocked the stadium as a “white elephant.”",
            ["white elephant. | nil | speech | Critics"]),
        ExtractionCase("a term in a sentence with no speaker",
            "The word “resilience” appears 40 times in the document.",
            ["resilience | nil | scare"]),
        ExtractionCase("a name given to a place",
            "Residents call the square “the oven” in summer.",
            ["the oven | nil | scare"]),
        ExtractionCase("a group called",
            "The money went to a group called the “Free Streets Alliance.”",
            ["Free Streets Alliance. | nil | scare"]),
        ExtractionCase("a song title",
            "The band closed with its hit “Northern Lights” at midnight.",
            ["Northern Lights | nil | title"]),
        ExtractionCase("a title in apposition to a publication",
            "Investors await the bank’s quarterly outlook, “Rates and Risks,” next week.",
            ["Rates and Risks | nil | title"]),
        ExtractionCase("a title joined to a title",
            "Her earlier novels include “Salt for the Wound” and “A Door in the Hill,” which was filmed.",
            ["Salt for the Wound | nil | title", "A Door in the Hill | nil | title"]),
        ExtractionCase("a habit of naming",
            "Villagers have always called the old chapel “the Lantern,” after its lamp.",
            ["the Lantern | nil | scare"]),
        ExtractionCase("an evaluation by a named person is speech, even in title case",
            "Asked about the rival campaign, Marta Voss called it “Dead on Arrival.”",
            ["Dead on Arrival. | Marta Voss | speech"]),
    ]

    /// Headline quotes: US-style single quotes, spoken by the person the headline or body names.
    static let headline: [ExtractionCase] = [
        ExtractionCase("a role in the headline, the person in the body",
            "Senator Says Spending Plan Is ‘Reckless’\nSenator Ruth Alvarez on Tuesday attacked the spending plan in a speech to the chamber.",
            ["Reckless | Ruth Alvarez | speech"]),
        ExtractionCase("a surname and a colon",
            "Alvarez: Budget ‘A Gamble We Cannot Afford’\nSenator Ruth Alvarez said on Tuesday that the budget was a gamble.",
            ["A Gamble We Cannot Afford | Ruth Alvarez | speech"]),
        ExtractionCase("a surname and says",
            "Okafor Says Rates Will Stay ‘Higher for Longer’\nCentral bank governor Paul Okafor told reporters in Lagos that rates would not fall soon.",
            ["Higher for Longer | Paul Okafor | speech"]),
        ExtractionCase("the same words quoted in the body",
            "Trade War Is ‘a Slow Bleed,’ Minister Warns\nTrade Minister Anna Kohl spoke in Berlin on Monday. “This trade war is a slow bleed,” Kohl said.",
            ["a Slow Bleed | Anna Kohl | speech", "This trade war is a slow bleed | Anna Kohl | speech"]),
    ]

    /// "he"/"she": the last person named of that gender.
    static let pronouns: [ExtractionCase] = [
        ExtractionCase("she after a man and a woman, by first name",
            "Prime Minister Ian Ford met Finance Minister Clara Diaz on Monday. Ford spoke first. “We agreed on the main points,” she said.",
            ["We agreed on the main points | Clara Diaz | speech"]),
        ExtractionCase("he after two women and a man",
            "Lena Holt and Mark Brandt met Clara Diaz in Rome. “The deal is done,” he said.",
            ["The deal is done | Mark Brandt | speech"]),
        ExtractionCase("gender from a title",
            "Ms. Okoye and Mr. Brandt met the press. “The deal is done,” he said.",
            ["The deal is done | Brandt | speech"]),
        ExtractionCase("gender from the article's own pronouns",
            "Alex Morgan said her team was ready. Later, John Hale spoke to reporters. “We are ready,” she said.",
            ["We are ready | Alex Morgan | speech"]),
        ExtractionCase("she for the person introduced in the sentence before",
            "“The plan will work,” said Prime Minister Ian Ford.\nOpposition leader Marta Voss was unimpressed. “These are promises we have heard before,” she said.",
            ["The plan will work | Ian Ford | speech", "These are promises we have heard before | Marta Voss | speech"]),
        ExtractionCase("they with no group named is nobody, not the paragraph's speaker",
            "“We will appeal,” Jane Roe said. “The ruling cannot stand,” they said.",
            ["We will appeal | Jane Roe | speech", "The ruling cannot stand | nil | speech"]),
        ExtractionCase("they for the group named before",
            "Jane Roe spoke first. The nurses walked out at noon. “We are exhausted,” they said.",
            ["We are exhausted | nil | speech"]),
        ExtractionCase("she when only a man is named is nobody",
            "John Hale spoke to reporters. “We are ready,” she said.",
            ["We are ready | nil | speech"]),
    ]

    /// A speaker the sentence names: said-before, appositives, introductions.
    static let named: [ExtractionCase] = [
        ExtractionCase("said and a comma before the quote",
            "Jane Roe said, “The policy failed.”",
            ["The policy failed. | Jane Roe | speech"]),
        ExtractionCase("a long appositive after the name",
            "“We were not consulted,” said Jane Roe, a former aide who worked for the governor for six years before leaving in 2021.",
            ["We were not consulted | Jane Roe | speech"]),
        ExtractionCase("an introduction ending in said, then the quote",
            "Sam Lau, the communications director for the party, said in a statement. “There are no paper ballots to recount.”",
            ["There are no paper ballots to recount. | Sam Lau | speech"]),
        ExtractionCase("a participle after the main clause",
            "Huma Abedin, vice chair of the campaign, emailed supporters on Monday evening, telling them, “We have to be ready.”",
            ["We have to be ready. | Huma Abedin | speech"]),
        ExtractionCase("an appositive with a place and commas",
            "Dean Johnson, a 55-year-old salesman from Sumter, South Carolina, says the senator will “leave here with momentum.”",
            ["leave here with momentum. | Dean Johnson | speech"]),
        ExtractionCase("said at the start of the sentence",
            "Said Dorothy Poynter, who grew up on the street, “We were all so proud of him.”",
            ["We were all so proud of him. | Dorothy Poynter | speech"]),
        ExtractionCase("an appositive with an organisation and no closing comma",
            "Anthony Anton, president of the Washington Restaurant Association stated, “It is not a political problem; it is a math problem.”",
            ["It is not a political problem; it is a math problem. | Anthony Anton | speech"]),
        ExtractionCase("a party and state in parentheses, then a comma",
            "Gov. John Kasich (R-OH), said, “I am getting ready to rent a covered wagon.”",
            ["I am getting ready to rent a covered wagon. | John Kasich | speech"]),
        ExtractionCase("asked by the host",
            "Sanders was asked by host Bill Maher, “Do you still think the story matters?”",
            ["Do you still think the story matters? | Bill Maher | speech"]),
        ExtractionCase("went on after the quote",
            "Donald Trump spoke for an hour. “You know, it happens, right?” Trump went on.",
            ["You know, it happens, right? | Donald Trump | speech"]),
    ]

    /// The speaker, not someone named next to or inside the quote.
    static let wrongPerson: [ExtractionCase] = [
        ExtractionCase("a name inside the quote",
            "“Nobody trusts Karl Mertens on this,” said Lisa Brandt.",
            ["Nobody trusts Karl Mertens on this | Lisa Brandt | speech"]),
        ExtractionCase("the person spoken to",
            "Lisa Brandt told Karl Mertens, “You are wrong.”",
            ["You are wrong. | Lisa Brandt | speech"]),
        ExtractionCase("a place before the role and the name",
            "“This is a scripted television show,” said Virginia delegate Beau Correll.",
            ["This is a scripted television show | Beau Correll | speech"]),
        ExtractionCase("a party before the role and the name",
            "“The distraction hurts,” said Republican party chairman Reince Priebus.",
            ["The distraction hurts | Reince Priebus | speech"]),
        ExtractionCase("a future verb of another person is no attribution",
            "Cruz said he is certain Rubio will continue to be “a champion for opportunity.”",
            ["a champion for opportunity. | Cruz | speech"]),
        ExtractionCase("a participle whose object is another person",
            "Jeb Bush also attacked Donald Trump, with whom he clashed at the debate, calling him a “loser.”",
            ["loser. | Jeb Bush | speech"]),
    ]

    /// Capitalised words that are not people.
    static let notPeople: [ExtractionCase] = [
        ExtractionCase("nationality and officials",
            "“We will appeal,” Brazilian officials said.",
            ["We will appeal | nil | speech | Brazilian officials"]),
        ExtractionCase("a sentence-initial word before the subject",
            "Donald Trump met Sheldon Adelson in May. Hours later, Trump returned the compliment, telling Reuters, “He is an amazing man.”",
            ["He is an amazing man. | Donald Trump | speech"]),
        ExtractionCase("a place in an introductory phrase",
            "Speaking at a town hall in Salem, New Hampshire, Donald Trump called Jeb Bush “a total stiff.”",
            ["a total stiff. | Donald Trump | speech"]),
        ExtractionCase("a state speaks",
            "“The border stays open,” Texas said in a court filing.",
            ["The border stays open | nil | speech | Texas"]),
        ExtractionCase("a party's members chant",
            "“Stop the war,” Democrats chanted outside the hall.",
            ["Stop the war | nil | speech | Democrats"]),
        ExtractionCase("a place as a sentence's subject speaks for no quote",
            "Jane Roe bought the house in May. Upstairs were the “parlour” and two bedrooms.",
            ["parlour | nil | scare"]),
    ]

    /// Institutions and unnamed sources are null.
    static let institutions: [ExtractionCase] = [
        ExtractionCase("the company in a statement",
            "“We regret the error,” the company said in a statement.",
            ["We regret the error | nil | speech | the company"]),
        ExtractionCase("one official",
            "“Talks continue,” one official said.",
            ["Talks continue | nil | speech | one official"]),
        ExtractionCase("a named company",
            "“Sales rose 4% in the quarter,” Volkswagen said on Tuesday.",
            ["Sales rose 4% in the quarter | nil | speech | Volkswagen"]),
        ExtractionCase("an outlet reports",
            "Politico reported, “The vote is closer than the polls suggest.”",
            ["The vote is closer than the polls suggest. | nil | speech | Politico"]),
        ExtractionCase("a joint statement",
            "A joint statement from the agencies said the risk to the public was “low.”",
            ["low. | nil | speech | A joint statement from the agencies"]),
    ]

    /// Exclamations and interview transcripts.
    static let short: [ExtractionCase] = [
        ExtractionCase("a short exclamation",
            "“Oh, God,” said Paula Ries as the ballots were counted.",
            ["Oh, God | Paula Ries | speech"]),
        ExtractionCase("a one-word answer",
            "Asked whether she would run again, Mayor Paula Ries said: “Never.”",
            ["Never. | Paula Ries | speech"]),
    ]
}

@Suite("Attribution: real-news constructions") struct ExtractionNewsTests {
    let extractor = QuoteExtractor()

    func check(_ row: ExtractionCase) {
        let withSource = row.expected.contains { $0.components(separatedBy: " | ").count == 4 }
        let found = extractor.quotes(in: row.text).map { render($0, withSource: withSource) }
        #expect(found == row.expected, "\(row.text)")
    }

    @Test(arguments: NewsCases.partial) func partialQuotes(_ row: ExtractionCase) { check(row) }
    @Test(arguments: NewsCases.headline) func headlineQuotes(_ row: ExtractionCase) { check(row) }
    @Test(arguments: NewsCases.pronouns) func pronouns(_ row: ExtractionCase) { check(row) }
    @Test(arguments: NewsCases.named) func namedSpeakers(_ row: ExtractionCase) { check(row) }
    @Test(arguments: NewsCases.wrongPerson) func theRightPerson(_ row: ExtractionCase) { check(row) }
    @Test(arguments: NewsCases.notPeople) func capitalizedWordsThatAreNotPeople(_ row: ExtractionCase) { check(row) }
    @Test(arguments: NewsCases.institutions) func institutionsAreNull(_ row: ExtractionCase) { check(row) }
    @Test(arguments: NewsCases.short) func shortQuotes(_ row: ExtractionCase) { check(row) }
}
