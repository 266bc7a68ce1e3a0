import QuoteCore
import Testing

@Suite struct NumericValueTests {
    @Test(arguments: [
        ("spend 5% of their GDP", 5.0, "%"),
        ("3.5 percent of output", 3.5, "%"),
        ("3.5 per cent of output", 3.5, "%"),
        ("a $1.2bn package", 1.2e9, "$"),
        ("£2 billion more", 2e9, "£"),
        ("only 23 member nations", 23, "nation"),
        ("1,000 troops", 1000, "troop"),
    ])
    func typedValues(text: String, value: Double, unit: String) {
        let found = NumericValue.values(in: text)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.value == value)
        #expect(found.first?.unit == unit)
    }

    @Test func yearsInsideWordsAreNotValues() {
        #expect(NumericValue.values(in: "its pre-2014 borders").isEmpty)
    }
}
