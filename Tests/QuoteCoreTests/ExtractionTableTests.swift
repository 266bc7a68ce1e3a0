import QuoteCore
import Testing

/// One row: a short piece of news text and the quotes expected from it, in order.
/// Each expectation is "text | speaker-or-nil | kind", plus " | source" when a source is expected.
struct ExtractionCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var expected: [String]
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ expected: [String]) {
        self.name = name
        self.text = text
        self.expected = expected
    }
}

func render(_ q: Quote, withSource: Bool) -> String {
    var s = "\(q.text) | \(q.speaker ?? "nil") | \(q.kind.rawValue)"
    if withSource { s += " | \(q.source ?? "nil")" }
    return s
}

let markCases: [ExtractionCase] = [
    ExtractionCase("curly double quotes, said-after",
        "“We will not back down,” Jane Doe said on Monday.",
        ["We will not back down | Jane Doe | speech"]),
    ExtractionCase("straight double quotes, said-before with colon",
        "Jane Doe told reporters: \"We will not back down.\"",
        ["We will not back down. | Jane Doe | speech"]),
    ExtractionCase("German low-high quotes",
        "„Wir schaffen das“, Klaus Weber said in German.",
        ["Wir schaffen das | Klaus Weber | speech"]),
    ExtractionCase("French guillemets with inner spaces",
        "« Nous ne céderons pas », Marie Dupont said in French.",
        ["Nous ne céderons pas | Marie Dupont | speech"]),
    ExtractionCase("single curly quotes",
        "Tom Baker said: ‘The vote is final and we accept it.’",
        ["The vote is final and we accept it. | Tom Baker | speech"]),
    ExtractionCase("straight single quotes",
        "Tom Baker said: 'The vote is final and we accept it.'",
        ["The vote is final and we accept it. | Tom Baker | speech"]),
    ExtractionCase("quote within a quote belongs to the outer quote",
        "“He told me ‘no’ twice before lunch,” Anna Berg said.",
        ["He told me ‘no’ twice before lunch | Anna Berg | speech"]),
    ExtractionCase("question mark and exclamation are kept",
        "“Why would we wait?” Anna Berg asked. “Never again!” she added.",
        ["Why would we wait? | Anna Berg | speech", "Never again! | Anna Berg | speech"]),
    ExtractionCase("trailing ellipsis is kept",
        "“We hoped that the talks would…” Anna Berg said, before stopping.",
        ["We hoped that the talks would… | Anna Berg | speech"]),
    ExtractionCase("quote running over two paragraphs is one quote",
        "“The first part of the plan is done,” Mayor Lisa Chen said. “The second part starts now.\n“We expect it to take a year.”",
        ["The first part of the plan is done | Lisa Chen | speech",
         "The second part starts now.\n“We expect it to take a year. | Lisa Chen | speech"]),
    ExtractionCase("interrupted quote gives two quotes with one speaker",
        "Finance Minister Robert Hale spoke in Rome on Monday. “The economy is strong,” he said, “but we must stay careful.”",
        ["The economy is strong | Robert Hale | speech", "but we must stay careful. | Robert Hale | speech"]),
    ExtractionCase("unresolvable pronoun gives no speaker",
        "“The economy is strong,” he said, “but we must stay careful.”",
        ["The economy is strong | nil | speech", "but we must stay careful. | nil | speech"]),
    ExtractionCase("interrupted quote with a named speaker",
        "“The economy is strong,” said Finance Minister Robert Hale, “but we must stay careful.”",
        ["The economy is strong | Robert Hale | speech", "but we must stay careful. | Robert Hale | speech"]),
]

let apostropheCases: [ExtractionCase] = [
    ExtractionCase("possessives and contractions are not quotes",
        "Europe's leaders don't agree on Ukraine’s future, and the students’ views differ from o'clock talk.",
        []),
    ExtractionCase("decades and elisions are not quotes",
        "Music from the ’90s and rock ’n’ roll played 'til dawn, and the '80s too.",
        []),
    ExtractionCase("plural possessive inside a single-quoted quote",
        "Ms. Ann Lee said: ‘The players’ union will decide the matter.’",
        ["The players’ union will decide the matter. | Ann Lee | speech"]),
    ExtractionCase("apostrophes around a real single quote",
        "Trump’s envoy said the deal was ‘done’, citing Kyiv’s consent.",
        ["done | nil | speech"]),
    ExtractionCase("unbalanced mark costs only its own span",
        "Paul Ross said \"it will rain all week.\nIn a later remark, \"We are ready,\" Paul Ross said.",
        ["We are ready | Paul Ross | speech"]),
    ExtractionCase("odd straight quote still yields the balanced part",
        "Paul Ross called it \"a disaster\" and then said \"we will recover.",
        ["a disaster | Paul Ross | speech"]),
]

let attributionCases: [ExtractionCase] = [
    ExtractionCase("said-before without colon",
        "Health Minister Sara Kim said “the vaccines are safe and effective.”",
        ["the vaccines are safe and effective. | Sara Kim | speech"]),
    ExtractionCase("inverted: said + title + full name",
        "“The treaty is dead,” said Defense Minister John Ward, who chaired the talks.",
        ["The treaty is dead | John Ward | speech"]),
    ExtractionCase("title + surname resolves to the full name used earlier",
        "Prime Minister Elena Novak arrived in Oslo. “We came to listen,” Ms. Novak said.",
        ["We came to listen | Elena Novak | speech"]),
    ExtractionCase("surname alone resolves to the full name",
        "Senator Mark Ellis met voters on Friday. “Taxes will not rise,” Ellis said.",
        ["Taxes will not rise | Mark Ellis | speech"]),
    ExtractionCase("pronoun resolves to the subject, not the object",
        "Mark Ellis thanked Governor Ruth Park for her help. He said “the state has been generous.”",
        ["the state has been generous. | Mark Ellis | speech"]),
    ExtractionCase("participle introduction with comma",
        "As the meeting ended, Chancellor Olaf Brandt closed the session, stating, ‘We have work to do.’",
        ["We have work to do. | Olaf Brandt | speech"]),
    ExtractionCase("according to after the quote",
        "“Prices will fall next year,” according to central bank governor Ana Silva.",
        ["Prices will fall next year | Ana Silva | speech"]),
    ExtractionCase("according to earlier in the paragraph",
        "According to Ana Silva, rates will stay high. Instead, banks must show ‘real’ restraint.",
        ["real | Ana Silva | speech"]),
    ExtractionCase("anonymous source",
        "“The talks have stalled,” a senior NATO diplomat said.",
        ["The talks have stalled | nil | speech | a senior NATO diplomat"]),
    ExtractionCase("institution as speaker",
        "“The decision is final,” the court said in its ruling.",
        ["The decision is final | nil | speech | the court"]),
    ExtractionCase("institution by name",
        "“We reject the claims entirely,” the Kremlin said.",
        ["We reject the claims entirely | nil | speech | the Kremlin"]),
    ExtractionCase("plural source and pronoun they",
        "Officials met on Tuesday. They said “no agreement was reached in the end.”",
        ["no agreement was reached in the end. | nil | speech | Officials"]),
    ExtractionCase("continuation paragraph takes the previous speaker",
        "“We will rebuild the bridge,” Mayor Tom Reed said.\n“It will take two years and cost a lot of money.”",
        ["We will rebuild the bridge | Tom Reed | speech",
         "It will take two years and cost a lot of money. | Tom Reed | speech"]),
    ExtractionCase("colon introduction at paragraph end",
        "Tom Reed said:\n“It will take two years and cost a lot of money.”",
        ["It will take two years and cost a lot of money. | Tom Reed | speech"]),
    ExtractionCase("second quote in a paragraph continues the speaker",
        "“We won,” Coach Dana White said. “Now we rest and then we train again.”",
        ["We won | Dana White | speech", "Now we rest and then we train again. | Dana White | speech"]),
    ExtractionCase("speaker named in the next sentence",
        "“This budget is a betrayal of working families.” That was the verdict of union leader Maria Lopez.",
        ["This budget is a betrayal of working families. | Maria Lopez | speech"]),
    ExtractionCase("partial quote in narration",
        "Foreign Secretary Alan Grey dismissed the offer as ‘unserious’ on Friday.",
        ["unserious | Alan Grey | speech"]),
    ExtractionCase("initials and particles in names",
        "Vice President J.D. Vance met Ursula von der Leyen. “We talked for an hour,” Vance said.",
        ["We talked for an hour | J.D. Vance | speech"]),
    ExtractionCase("she resolves to a female-titled person",
        "Mr. Paul Kerr and Mrs. Jane Kerr spoke. “We are proud of our son,” she said.",
        ["We are proud of our son | Jane Kerr | speech"]),
    ExtractionCase("spokesperson for a ministry",
        "“No troops will be sent,” a spokesperson for the ministry said.",
        ["No troops will be sent | nil | speech | a spokesperson for the ministry"]),
    ExtractionCase("headline with a name and a colon",
        "Hegseth: ‘Europe must lead on Ukraine’\nDefense Secretary Pete Hegseth spoke in Brussels.",
        ["Europe must lead on Ukraine | Pete Hegseth | speech"]),
    ExtractionCase("appositive age between speaker and verb",
        "“We lost,” John Smith, 54, said after the vote.",
        ["We lost | John Smith | speech"]),
    ExtractionCase("White House press secretary, lowercase title",
        "\"We're looking at all options,\" White House press secretary Karoline Leavitt told reporters.",
        ["We're looking at all options | Karoline Leavitt | speech"]),
    ExtractionCase("surname with lowercase particles after an appositive",
        "Ahmed van den Broek, a planner at the port, said: “The dredging starts in May.”\n“Costs are rising,” according to van den Broek.",
        ["The dredging starts in May. | Ahmed van den Broek | speech",
         "Costs are rising | Ahmed van den Broek | speech"]),
    ExtractionCase("a new sentence after a full-stop quote reports something else",
        "Paula Reyes spoke to the board. “The budget is balanced.” Auditors say the accounts are late.",
        ["The budget is balanced. | Paula Reyes | speech"]),
    ExtractionCase("an organisation's statement after a quote is not its attribution",
        "“We will appeal,” Omar Haddad said. “The ruling ignores the evidence.” The bank said it had not been served.",
        ["We will appeal | Omar Haddad | speech", "The ruling ignores the evidence. | Omar Haddad | speech"]),
    ExtractionCase("a negated verb after a quote attributes nothing",
        "“We want a fair deal,” Lena Fox said, “and nothing less.” The company did not respond to questions.",
        ["We want a fair deal | Lena Fox | speech", "and nothing less. | Lena Fox | speech"]),
    ExtractionCase("an introduction before the quote outranks a speaker after it",
        "At the hearing, Inspector Ruth Obi said: “The fire began in the kitchen.” Neighbours told police they smelled smoke.",
        ["The fire began in the kitchen. | Ruth Obi | speech"]),
    ExtractionCase("a bare attribution after a question still counts",
        "“Who pays for this?” Senator Hal Moss asked on Tuesday.",
        ["Who pays for this? | Hal Moss | speech"]),
    ExtractionCase("quoted tweet",
        "Governor Ruth Park wrote on X: “Schools will reopen on Monday.”",
        ["Schools will reopen on Monday. | Ruth Park | speech"]),
]

let kindCases: [ExtractionCase] = [
    ExtractionCase("so-called is a scare quote",
        "The so-called “peace dividend” has vanished from the budget.",
        ["peace dividend | nil | scare"]),
    ExtractionCase("short quoted term without a speaker is a scare quote",
        "The floods drew a “robust” response from volunteers.",
        ["robust | nil | scare"]),
    ExtractionCase("dubbed is a scare quote",
        "The operation, dubbed “Iron Gate”, began at dawn.",
        ["Iron Gate | nil | scare"]),
    ExtractionCase("book title",
        "Her new book “The Long Road Home” is out in May.",
        ["The Long Road Home | nil | title"]),
    ExtractionCase("report titled",
        "The agency published a report titled “Water at risk in a warming world” on Monday.",
        ["Water at risk in a warming world | nil | title"]),
    ExtractionCase("film title",
        "The film “Dark Waters” won two awards.",
        ["Dark Waters | nil | title"]),
    ExtractionCase("one word with a reporting subject is speech",
        "Senator Mark Ellis called the bill ‘reckless’ in a floor speech.",
        ["reckless | Mark Ellis | speech"]),
    ExtractionCase("habitual naming of an object is not speech",
        "Commuters call the new interchange “the pretzel”, and the name has stuck.",
        ["the pretzel | nil | scare"]),
    ExtractionCase("a nickname given by dubbing is not speech",
        "Fans dubbed the young goalkeeper “the Wall” after the final.",
        ["the Wall | nil | scare"]),
    ExtractionCase("the term is a scare quote even near a speaker",
        "Mark Ellis said the term “woke” means nothing.",
        ["woke | nil | scare"]),
]

@Suite("Extraction: table")
struct ExtractionTableTests {
    func check(_ c: ExtractionCase) {
        let quotes = QuoteExtractor().quotes(in: c.text)
        for q in quotes {
            #expect(scalarSlice(c.text, q.start, q.end) == q.text, "offsets of \(q.text)")
        }
        let withSource = c.expected.contains { $0.split(separator: "|").count == 4 }
        #expect(quotes.map { render($0, withSource: withSource) } == c.expected, "\(c.name)")
    }

    @Test(arguments: markCases) func marks(_ c: ExtractionCase) { check(c) }
    @Test(arguments: apostropheCases) func apostrophes(_ c: ExtractionCase) { check(c) }
    @Test(arguments: kindCases) func kinds(_ c: ExtractionCase) { check(c) }
}

@Suite("Attribution: table")
struct AttributionTableTests {
    @Test(arguments: attributionCases) func attribution(_ c: ExtractionCase) {
        ExtractionTableTests().check(c)
    }
}
