/// What a client waiting on a refresh request hears, feed by feed, as the scheduler works.
public enum RefreshProgress: Sendable {
    /// The feed's refresh started.
    case fetching(feed: String)
    /// The feed's refresh ended.
    case finished(FeedOutcome)
    /// The feed was asked for but is no longer in the configuration (a reload removed it).
    case skipped(feed: String, reason: String)
    /// Every feed of the request was refreshed.
    case done
}
