/// Whitespace trimming without Foundation's `trimmingCharacters(in:)`, which walks the whole string
/// through its UTF-16 view and looked up Unicode properties per character: on a long `content:encoded`
/// it was the largest single cost of feed parsing. This looks only at the two ends.
enum TextTrimming {
    /// `text` without leading and trailing white space (Unicode `White_Space`: spaces, tabs, line
    /// breaks, no-break spaces); the same string, not a copy, when there is nothing to trim.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return text }
        return String(scalars[start..<end])
    }
}
