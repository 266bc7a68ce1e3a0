/// Numbers as they read in error messages: `30 s`, `1.5 s`, `10 MB`, `512 kB`, `1000 bytes`.
enum Format {
    /// Seconds without a needless fraction: `30 s`, `0.5 s`.
    static func seconds(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return "\(Int(value)) s" }
        return "\((value * 1000).rounded() / 1000) s"
    }

    /// A byte count in the largest decimal unit that divides it: `10 MB`, `512 kB`, `1000 bytes` stays exact.
    static func bytes(_ count: Int) -> String {
        if count >= 1_000_000, count % 1_000_000 == 0 { return "\(count / 1_000_000) MB" }
        if count >= 1_000, count % 1_000 == 0 { return "\(count / 1_000) kB" }
        return count == 1 ? "1 byte" : "\(count) bytes"
    }
}
