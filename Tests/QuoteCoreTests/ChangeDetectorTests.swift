import QuoteCore
import Testing

@Suite struct ChangeDetectorTests {
    func state(_ quote: String, _ speaker: String? = "Pete Hegseth", id: String = "s") -> StatementState {
        StatementState(statementID: id, quote: quote, speaker: speaker, score: 0.9, tier: .fuzzy, values: NumericValue.values(in: quote))
    }

    @Test func firstAppearanceIsNew() {
        let changes = ChangeDetector.compare(previous: [:], current: ["s": state("A is B")], unattributed: [:], statementIDs: ["s"]).changes
        #expect(changes.map(\.type) == [.quoteNew])
    }

    @Test func sameWordsRaiseNothing() {
        let changes = ChangeDetector.compare(previous: ["s": state("A is B.")], current: ["s": state("a is b")], unattributed: [:], statementIDs: ["s"]).changes
        #expect(changes.isEmpty)
    }

    @Test func rewordingIsEditedWithPreviousAndDiff() {
        let changes = ChangeDetector.compare(
            previous: ["s": state("NATO must be stronger")], current: ["s": state("NATO must be much stronger")],
            unattributed: [:], statementIDs: ["s"]).changes
        #expect(changes.map(\.type) == [.quoteEdited])
        #expect(changes.first?.previous == "NATO must be stronger")
        #expect(changes.first?.detail == "NATO must be {+much+} stronger")
    }

    @Test func changedNumberIsEditedAndClaimChanged() {
        let changes = ChangeDetector.compare(
            previous: ["s": state("spend 5% of GDP")], current: ["s": state("spend 3.5% of GDP")], unattributed: [:], statementIDs: ["s"]).changes
        #expect(changes.map(\.type) == [.quoteEdited, .claimChanged])
        #expect(changes[1].oldValues == ["5%"])
        #expect(changes[1].newValues == ["3.5%"])
    }

    @Test func vanishedQuoteIsRemoved() {
        let changes = ChangeDetector.compare(previous: ["s": state("A is B")], current: [:], unattributed: [:], statementIDs: ["s"]).changes
        #expect(changes.map(\.type) == [.quoteRemoved])
        #expect(changes.first?.state.quote == "A is B")
    }

    @Test func sameWordsGivenToSomeoneElseIsAttributionChangedAlone() {
        let changes = ChangeDetector.compare(
            previous: ["s": state("A is B")], current: [:], unattributed: ["s": state("A is B", "Mark Rutte")], statementIDs: ["s"]).changes
        #expect(changes.map(\.type) == [.attributionChanged])
        #expect(changes.first?.previous == "Pete Hegseth")
        #expect(changes.first?.state.speaker == "Mark Rutte")
    }

    @Test func statementsNoLongerConfiguredAreIgnored() {
        let changes = ChangeDetector.compare(previous: ["old": state("A is B", id: "old")], current: [:], unattributed: [:], statementIDs: ["s"]).changes
        #expect(changes.isEmpty)
    }

    /// A wording that flips back to one the item had before is one edit that says so, and the
    /// stored history follows each step.
    @Test func flipBackToAnEarlierWordingSaysSo() {
        let ids = ["s"]
        let first = ChangeDetector.compare(previous: [:], current: ["s": state("NATO must be stronger")], unattributed: [:], statementIDs: ids)
        let second = ChangeDetector.compare(previous: first.states, current: ["s": state("NATO must be much stronger")], unattributed: [:], statementIDs: ids)
        #expect(second.changes.first?.detail == "NATO must be {+much+} stronger")
        #expect(second.states["s"]?.history == ["NATO must be stronger"])
        let third = ChangeDetector.compare(previous: second.states, current: ["s": state("NATO must be stronger")], unattributed: [:], statementIDs: ids)
        #expect(third.changes.map(\.type) == [.quoteEdited])
        #expect(third.changes.first?.detail?.hasPrefix("back to an earlier wording: ") == true)
        #expect(third.states["s"]?.history == ["NATO must be much stronger"])
        let unchanged = ChangeDetector.compare(previous: third.states, current: ["s": state("NATO must be stronger.")], unattributed: [:], statementIDs: ids)
        #expect(unchanged.changes.isEmpty)
        #expect(unchanged.states["s"]?.history == ["NATO must be much stronger"], "history carried over")
    }
}
