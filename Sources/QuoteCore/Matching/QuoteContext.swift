import Foundation

/// Finds the sentence a quote stands in, so partial quotes can be matched with what they refer to.
public enum QuoteContext {
    /// The sentence of `text` around the scalar range `start..<end`: back to the previous sentence end
    /// or line break, forward to the next sentence end after the quote.
    public static func sentence(in text: String, start: Int, end: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, end <= scalars.count, start <= end else { return "" }
        let terminators = ".!?".unicodeScalars
        let closers = "\u{2019}\u{201D}\"')\u{00BB}".unicodeScalars
        var lower = start
        while lower > 0 {
            let previous = scalars[lower - 1]
            if previous == "\n" { break }
            if previous == " " {
                // A sentence end before the space, perhaps behind closing marks ("… ‘unrealistic.’ Then").
                var back = lower - 2
                while back >= 0, closers.contains(scalars[back]) { back -= 1 }
                if back >= 0, terminators.contains(scalars[back]) { break }
            }
            lower -= 1
        }
        var upper = end
        // A quote that ends its own sentence ("… as ‘unrealistic.’") ends the context too.
        let endsSentence = end > start && terminators.contains(scalars[end - 1])
        if endsSentence {
            while upper < scalars.count, closers.contains(scalars[upper]) { upper += 1 }
        }
        while !endsSentence && upper < scalars.count {
            let scalar = scalars[upper]
            if scalar == "\n" { break }
            upper += 1
            guard terminators.contains(scalar) else { continue }
            var after = upper
            while after < scalars.count, closers.contains(scalars[after]) { after += 1 }
            if after == scalars.count || scalars[after] == " " || scalars[after] == "\n" {
                upper = after
                break
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        return String(result).trimmingCharacters(in: .whitespaces)
    }
}
