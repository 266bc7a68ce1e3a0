/// A count and its noun in English: "1 feed", "2 feeds", "0 events".
public enum Plural {
    /// `count` and `noun`, with `plural` (default: `noun` + "s") unless `count` is 1.
    public static func of(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
