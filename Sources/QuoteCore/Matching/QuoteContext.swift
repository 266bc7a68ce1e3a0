import Foundation

/// Finds the sentence a quote stands in, so partial quotes can be matched with what they refer to.
public enum QuoteContext {
    /// How far the context reaches on either side of the quote, in scalars. A run-on text with no
    /// sentence end or line break is cut there: else every quote's context was the whole text, and
    /// matching all quotes of an item took time quadratic in its length (found by FuzzQuoteExtractor).
    static let maximumReach = 500

    /// The sentence of `text` around the scalar range `start..<end`: back to the previous sentence end
    /// or line break, forward to the next sentence end after the quote, at most ``maximumReach``
    /// scalars either side.
    public static func sentence(in text: String, start: Int, end: Int) -> String {
        sentence(in: ScalarText.scalars(of: text), start: start, end: end)
    }

    /// The same, in a text already split into scalars (split it once for all the quotes of a text).
    static func sentence(in scalars: [Unicode.Scalar], start: Int, end: Int) -> String {
        guard start >= 0, end <= scalars.count, start <= end else { return "" }
        let lowest = max(0, start - maximumReach)
        let highest = min(scalars.count, end + maximumReach)
        let terminators = ".!?".unicodeScalars
        let closers = "\u{2019}\u{201D}\"')\u{00BB}".unicodeScalars
        var lower = start
        while lower > lowest {
            let previous = scalars[lower - 1]
            if previous == "\n" { break }
            if previous == " " {
                // A sentence end before the space, perhaps behind closing marks ("… ‘unrealistic.’ Then").
                var back = lower - 2
                while back >= lowest, closers.contains(scalars[back]) { back -= 1 }
                if back >= lowest, terminators.contains(scalars[back]) { break }
            }
            lower -= 1
        }
        var upper = end
        // A quote that ends its own sentence ("… as ‘unrealistic.’") ends the context too.
        let endsSentence = end > start && terminators.contains(scalars[end - 1])
        if endsSentence {
            while upper < highest, closers.contains(scalars[upper]) { upper += 1 }
        }
        while !endsSentence && upper < highest {
            let scalar = scalars[upper]
            if scalar == "\n" { break }
            upper += 1
            guard terminators.contains(scalar) else { continue }
            var after = upper
            while after < highest, closers.contains(scalars[after]) { after += 1 }
            if after == highest || scalars[after] == " " || scalars[after] == "\n" {
                upper = after
                break
            }
        }
        // Trimmed as `trimmingCharacters(in: .whitespaces)` would (tab and the Zs spaces), on the
        // scalars, without Foundation's copy through UTF-16.
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        while lower < upper, isSpace(scalars[lower]) { lower += 1 }
        while upper > lower, isSpace(scalars[upper - 1]) { upper -= 1 }
        // Written as UTF-8 straight from the scalars (the same string the scalar view makes).
        return ScalarText.string(scalars[lower..<upper])
    }
}
