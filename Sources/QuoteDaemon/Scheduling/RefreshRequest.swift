/// A request to refresh feeds now, as the scheduler holds it until its next cycle takes it.
struct RefreshRequest: Sendable {
    /// The feeds asked for, in order, without repeats.
    var feeds: [String]
    /// Told of each feed's progress and of the end, when a client waits.
    var observer: (@Sendable (RefreshProgress) -> Void)?
}
