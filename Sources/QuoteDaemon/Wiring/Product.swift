/// The product's name, version and home, for `--version` and the HTTP User-Agent.
public enum Product {
    public static let name = "quotewatch"
    public static let version = "0.1.0"
    public static let homepage = "https://github.com/quotewatch/quotewatch"
    /// Names quotewatch, its version and where to learn about it, as publishers expect of a bot.
    public static let userAgent = "\(name)/\(version) (+\(homepage))"
}
