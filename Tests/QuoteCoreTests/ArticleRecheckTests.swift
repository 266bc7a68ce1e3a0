import QuoteCore
import Testing

@Suite struct ArticleRecheckTests {
    /// Often while the story is new, less often as it ages: an eighth of its age, 15 minutes to a day.
    @Test(arguments: [
        (0.0, 900.0), (3600, 900), (2 * 3600, 900), (8 * 3600, 3600), (24 * 3600, 3 * 3600), (8 * 86400, 86400), (30 * 86400, 86400),
    ] as [(Double, Double)])
    func defaultSchedule(age: Double, interval: Double) {
        #expect(ArticleRecheck().interval(age: age) == interval)
    }

    @Test func fixedAndNever() {
        #expect(ArticleRecheck(minimum: 1800, maximum: 1800).interval(age: 86400 * 3) == 1800)
        #expect(ArticleRecheck.never.interval(age: 0) == nil)
        #expect(ArticleRecheck(minimum: 600, maximum: 7200).interval(age: -50) == 600, "a clock gone backwards is a new story")
    }
}
