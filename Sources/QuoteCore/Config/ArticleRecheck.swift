/// How often a `fetchArticles` feed's linked pages are read again while their item stays in the
/// feed (DESIGN §5, `articleRecheck` in feeds.json): often while the story is new, less often as it
/// ages. The interval is an eighth of the item's age, kept between ``minimum`` and ``maximum``: with
/// the defaults every 15 minutes for the first two hours, hourly at eight hours, every 3 hours at a
/// day, daily from eight days on.
///
/// Each re-read is a conditional GET with the page's own validators; a failing page backs off as a
/// failing feed does. `run --once` and `refresh` read every page whatever its schedule.
public struct ArticleRecheck: Sendable, Hashable {
    /// The shortest interval (default 15 minutes).
    public var minimum: Double
    /// The longest interval (default a day).
    public var maximum: Double
    /// false: pages are read only when their item is new or changes in the feed, and by `run --once`
    /// and `refresh`.
    public var enabled: Bool

    /// The age is divided by this to give the interval.
    public static let ageDivisor = 8.0
    public static let defaultMinimum = 15.0 * 60
    public static let defaultMaximum = 24.0 * 3600

    public init(minimum: Double = ArticleRecheck.defaultMinimum, maximum: Double = ArticleRecheck.defaultMaximum, enabled: Bool = true) {
        self.minimum = minimum
        self.maximum = maximum
        self.enabled = enabled
    }

    /// Pages are never read again on a schedule.
    public static let never = ArticleRecheck(enabled: false)

    /// Seconds until a page whose item was first seen `age` seconds ago is read again; nil: not on a schedule.
    public func interval(age: Double) -> Double? {
        guard enabled else { return nil }
        return min(max(max(age, 0) / ArticleRecheck.ageDivisor, minimum), max(maximum, minimum))
    }
}
