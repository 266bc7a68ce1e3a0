import QuoteCore
import Testing

/// The change detector as a table of transitions (DESIGN §5): each row is a sequence of readings of
/// one item, each with the events it must raise, the states carried from one reading to the next.
@Suite struct ChangeDetectorTests {
    static let matcher = StatementMatcher(statements: [
        Statement(id: "s", speaker: "Pete Hegseth", aliases: ["Hegseth", "Secretary Hegseth"], text: "NATO must be stronger"),
        Statement(id: "t", speaker: "Ana Ruiz", text: "The bridge will open in June"),
    ])

    static func state(_ quote: String, _ speaker: String? = "Pete Hegseth", reversed: Bool = false, id: String = "s") -> StatementState {
        StatementState(statementID: id, quote: quote, speaker: speaker, score: 0.9, tier: .fuzzy, values: NumericValue.values(in: quote), reversed: reversed)
    }

    static func matched(_ states: StatementState..., reading: Observation.Reading = .whole) -> Observation {
        Observation(matched: Dictionary(uniqueKeysWithValues: states.map { ($0.statementID, $0) }), reading: reading)
    }

    /// A quote that would match but for its speaker or its sense.
    static func tracked(_ states: StatementState..., reading: Observation.Reading = .whole) -> Observation {
        Observation(tracked: Dictionary(uniqueKeysWithValues: states.map { ($0.statementID, $0) }), reading: reading)
    }

    static let nothing = Observation(reading: .whole)

    struct Transition: CustomTestStringConvertible, Sendable {
        var name: String
        var steps: [(Observation, [EventType])]
        var testDescription: String { name }
    }

    static let table: [Transition] = [
        Transition(name: "new", steps: [(matched(state("NATO must be stronger")), [.quoteNew])]),
        Transition(name: "same words again", steps: [
            (matched(state("NATO must be stronger.")), [.quoteNew]),
            (matched(state("nato must be stronger")), []),
        ]),
        Transition(name: "edited", steps: [
            (matched(state("NATO must be stronger")), [.quoteNew]),
            (matched(state("NATO must be much stronger")), [.quoteEdited]),
        ]),
        Transition(name: "a value changed", steps: [
            (matched(state("NATO must be stronger and spend 5% of GDP")), [.quoteNew]),
            (matched(state("NATO must be stronger and spend 3.5% of GDP")), [.quoteEdited, .claimChanged]),
        ]),
        Transition(name: "reversed, then flipped back", steps: [
            (matched(state("NATO must be stronger")), [.quoteNew]),
            (tracked(state("NATO must not be stronger", reversed: true)), [.quoteEdited]),
            (tracked(state("NATO must not be stronger", reversed: true)), []),
            (matched(state("NATO must be stronger")), [.quoteEdited]),
        ]),
        Transition(name: "removed when read whole", steps: [
            (matched(state("NATO must be stronger")), [.quoteNew]),
            (nothing, [.quoteRemoved]),
            (nothing, []),
            (matched(state("NATO must be stronger")), [.quoteNew]),
        ]),
        Transition(name: "held by a failed read, nothing when it returns", steps: [
            (matched(state("NATO must be stronger")), [.quoteNew]),
            (.unread, []),
            (.unread, []),
            (matched(state("NATO must be stronger")), []),
        ]),
        Transition(name: "held by a teaser, an edit seen when the full text returns", steps: [
            (matched(state("NATO must be stronger")), [.quoteNew]),
            (.unread, []),
            (matched(state("NATO must be far stronger")), [.quoteEdited]),
        ]),
        Transition(name: "held by a limit, removed when read whole", steps: [
            (matched(state("NATO must be stronger")), [.quoteNew]),
            (Observation(reading: .partial), []),
            (nothing, [.quoteRemoved]),
        ]),
        Transition(name: "a limit does not hide what was read", steps: [
            (matched(state("NATO must be stronger")), [.quoteNew]),
            (matched(state("NATO must be much stronger"), reading: .partial), [.quoteEdited]),
        ]),
        Transition(name: "nothing new from an unread version", steps: [(.unread, [])]),
        Transition(name: "attribution moved three times, back to the first", steps: [
            (matched(state("NATO must be stronger", "Pete Hegseth")), [.quoteNew]),
            (tracked(state("NATO must be stronger", "Mark Rutte")), [.attributionChanged]),
            (tracked(state("NATO must be stronger", "Kaja Kallas")), [.attributionChanged]),
            (matched(state("NATO must be stronger", "Pete Hegseth")), [.attributionChanged]),
            (matched(state("NATO must be stronger", "Pete Hegseth")), []),
        ]),
        Transition(name: "to an unnamed source and back", steps: [
            (matched(state("NATO must be stronger", "Pete Hegseth")), [.quoteNew]),
            (tracked(state("NATO must be stronger", nil)), [.attributionChanged]),
            (tracked(state("NATO must be stronger", nil)), []),
            (matched(state("NATO must be stronger", "Pete Hegseth")), [.attributionChanged]),
        ]),
        Transition(name: "the same person under another name is no move", steps: [
            (matched(state("NATO must be stronger", "Pete Hegseth")), [.quoteNew]),
            (matched(state("NATO must be stronger", "Hegseth")), []),
            (matched(state("NATO must be stronger", "Secretary Hegseth")), []),
            (matched(state("NATO must be stronger", "U.S. Defense Secretary Pete Hegseth")), []),
        ]),
        Transition(name: "new words and a new speaker", steps: [
            (matched(state("NATO must be stronger", "Pete Hegseth")), [.quoteNew]),
            (tracked(state("NATO must be much stronger", "Mark Rutte")), [.quoteEdited, .attributionChanged]),
        ]),
        Transition(name: "a quote failing a guard is no new quote", steps: [
            (tracked(state("NATO must be stronger", "Mark Rutte")), []),
            (tracked(state("NATO must not be stronger", reversed: true)), []),
        ]),
        Transition(name: "statement added later", steps: [
            (matched(state("NATO must be stronger"), reading: .restatement), [.quoteNew]),
            (matched(state("NATO must be stronger"), reading: .restatement), []),
            (matched(state("NATO must be far stronger"), reading: .restatement), []),
            (Observation(reading: .restatement), []),
            (matched(state("NATO must be stronger")), [.quoteNew]),
        ]),
        Transition(name: "two statements in configured order", steps: [
            (matched(state("The bridge will open in June", "Ana Ruiz", id: "t"), state("NATO must be stronger")), [.quoteNew, .quoteNew]),
            (matched(state("NATO must be stronger")), [.quoteRemoved]),
        ]),
    ]

    @Test(arguments: table)
    func transition(_ row: Transition) {
        var states: [String: StatementState] = [:]
        for (index, (observation, expected)) in row.steps.enumerated() {
            let detection = ChangeDetector.detect(previous: states, observation: observation, statements: Self.matcher)
            #expect(detection.changes.map(\.type) == expected, "step \(index + 1)")
            states = detection.states
        }
    }

    @Test func eventsOfTwoStatementsFollowTheConfiguredOrder() {
        let detection = ChangeDetector.detect(
            previous: [:], observation: Self.matched(Self.state("The bridge will open in June", "Ana Ruiz", id: "t"), Self.state("NATO must be stronger")),
            statements: Self.matcher)
        #expect(detection.changes.map(\.statementID) == ["s", "t"])
    }

    @Test func editCarriesThePreviousWordsAndTheDiff() {
        let changes = ChangeDetector.detect(
            previous: ["s": Self.state("NATO must be stronger")], observation: Self.matched(Self.state("NATO must be much stronger")),
            statements: Self.matcher).changes
        #expect(changes.first?.previous == "NATO must be stronger")
        #expect(changes.first?.detail == "NATO must be {+much+} stronger")
        #expect(changes.first?.reversed == false)
    }

    @Test func reversalIsAnEditThatSaysSo() throws {
        let first = ChangeDetector.detect(previous: ["s": Self.state("There will be no new taxes")],
                                          observation: Self.tracked(Self.state("There will be new taxes", reversed: true)), statements: Self.matcher)
        let edit = try #require(first.changes.first)
        #expect(edit.type == .quoteEdited)
        #expect(edit.reversed)
        #expect(edit.previous == "There will be no new taxes")
        #expect(edit.detail?.hasPrefix("meaning reversed: ") == true)
        #expect(first.states["s"]?.reversed == true, "the state follows the reversed quote")
        let back = ChangeDetector.detect(previous: first.states, observation: Self.matched(Self.state("There will be no new taxes")), statements: Self.matcher)
        #expect(back.changes.first?.reversed == true)
        #expect(back.changes.first?.detail?.hasPrefix("back to an earlier wording, meaning reversed: ") == true)
        #expect(back.states["s"]?.reversed == false)
    }

    @Test func claimChangeCarriesTheValuesAsWritten() {
        let changes = ChangeDetector.detect(
            previous: ["s": Self.state("spend 5% of GDP")], observation: Self.matched(Self.state("spend 3.5 per cent of GDP")),
            statements: Self.matcher).changes
        #expect(changes.map(\.type) == [.quoteEdited, .claimChanged])
        #expect(changes[1].oldValues == ["5%"])
        #expect(changes[1].newValues == ["3.5 per cent"])
    }

    @Test func theSameValueSpelledOtherwiseIsNoChange() {
        let changes = ChangeDetector.detect(
            previous: ["s": Self.state("spend 5% of GDP")], observation: Self.matched(Self.state("spend 5 per cent of GDP")),
            statements: Self.matcher).changes
        #expect(changes.isEmpty, "\(changes)")
    }

    @Test func removalCarriesTheRemovedQuote() {
        let changes = ChangeDetector.detect(previous: ["s": Self.state("A is B")], observation: Self.nothing, statements: Self.matcher).changes
        #expect(changes.map(\.type) == [.quoteRemoved])
        #expect(changes.first?.state.quote == "A is B")
    }

    @Test func attributionMovesNameBothSpeakers() {
        var states = ["s": Self.state("NATO must be stronger", "Pete Hegseth")]
        var moves: [(String?, String?)] = []
        for speaker in ["Mark Rutte", nil, "Kaja Kallas", "Pete Hegseth"] as [String?] {
            let observation = speaker == "Pete Hegseth"
                ? Self.matched(Self.state("NATO must be stronger", speaker)) : Self.tracked(Self.state("NATO must be stronger", speaker))
            let detection = ChangeDetector.detect(previous: states, observation: observation, statements: Self.matcher)
            for change in detection.changes where change.type == .attributionChanged { moves.append((change.previous, change.state.speaker)) }
            states = detection.states
        }
        #expect(moves.map { "\($0.0 ?? "nil") → \($0.1 ?? "nil")" } == [
            "Pete Hegseth → Mark Rutte", "Mark Rutte → nil", "nil → Kaja Kallas", "Kaja Kallas → Pete Hegseth",
        ])
    }

    @Test func statementsNoLongerConfiguredAreDroppedQuietly() {
        let detection = ChangeDetector.detect(previous: ["old": Self.state("A is B", id: "old")], observation: Self.nothing, statements: Self.matcher)
        #expect(detection.changes.isEmpty)
        #expect(detection.states.isEmpty)
    }

    /// A wording that flips back to one the item had before is one edit that says so, and the
    /// stored history follows each step.
    @Test func flipBackToAnEarlierWordingSaysSo() {
        var states: [String: StatementState] = [:]
        func read(_ quote: String) -> [ItemChange] {
            let detection = ChangeDetector.detect(previous: states, observation: Self.matched(Self.state(quote)), statements: Self.matcher)
            states = detection.states
            return detection.changes
        }
        _ = read("NATO must be stronger")
        #expect(read("NATO must be much stronger").first?.detail == "NATO must be {+much+} stronger")
        #expect(states["s"]?.history == ["NATO must be stronger"])
        let back = read("NATO must be stronger")
        #expect(back.map(\.type) == [.quoteEdited])
        #expect(back.first?.detail?.hasPrefix("back to an earlier wording: ") == true)
        #expect(states["s"]?.history == ["NATO must be much stronger"])
        #expect(read("NATO must be stronger.").isEmpty)
        #expect(states["s"]?.history == ["NATO must be much stronger"], "history carried over")
    }
}
