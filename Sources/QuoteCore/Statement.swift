/// A statement or claim the user tracks (DESIGN §4, `statements` in feeds.json).
public struct Statement: Sendable, Hashable, Codable {
    /// The default for `threshold`: the lowest match score that counts as quoting the statement.
    public static let defaultThreshold = 0.6

    public var id: String
    /// The person the statement belongs to; nil matches any speaker.
    public var speaker: String?
    /// Other names the speaker goes by in articles ("Hegseth", "Secretary Hegseth").
    public var aliases: [String]
    /// The tracked wording.
    public var text: String
    /// The lowest score in [0, 1] at which a quote counts as this statement.
    public var threshold: Double

    public init(id: String, speaker: String? = nil, aliases: [String] = [], text: String, threshold: Double = Statement.defaultThreshold) {
        self.id = id
        self.speaker = speaker
        self.aliases = aliases
        self.text = text
        self.threshold = threshold
    }
}
