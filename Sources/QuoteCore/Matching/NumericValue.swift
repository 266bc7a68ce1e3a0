import Foundation

/// A number in a claim, as a typed value with its unit: `5%`, `3.5 percent`, `$1.2bn`, `23 nations`.
///
/// Two quotes of the same statement whose values differ raise `claim.changed`.
public struct NumericValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The value with its scale applied (`$1.2bn` is 1.2e9).
    public var value: Double
    /// The unit: "%", "$", "€", "£", or a counted noun ("nations"); empty for a bare number.
    public var unit: String
    /// The words as written.
    public var text: String

    public init(value: Double, unit: String, text: String) {
        self.value = value
        self.unit = unit
        self.text = text
    }

    public var description: String { text }

    /// The kind of quantity, for overlap scoring: a changed number keeps its token's kind.
    var kindKey: String { "#" + unit }

    /// A value from one normalized token ("5%", "3.5", "$1.2bn", "1,000"), or nil.
    init?(token: String) {
        // Most tokens are words: leave at once unless there is a digit.
        guard token.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var rest = Substring(token)
        var unit = ""
        if let first = rest.first, "$€£".contains(first) {
            unit = String(first)
            rest = rest.dropFirst()
        }
        var scale = 1.0
        if rest.hasSuffix("%") {
            unit = "%"
            rest = rest.dropLast()
        } else {
            for (suffix, factor) in NumericValue.scaleSuffixes where rest.hasSuffix(suffix) {
                let head = rest.dropLast(suffix.count)
                if let last = head.last, last.isNumber {
                    rest = head
                    scale = factor
                    break
                }
            }
        }
        let digits = String(rest.filter { $0 != "," })
        guard let first = digits.first, first.isNumber, let number = Double(digits) else { return nil }
        self.init(value: number * scale, unit: unit, text: token)
    }

    static let scaleSuffixes: [(String, Double)] = [("bn", 1e9), ("tn", 1e12), ("trn", 1e12), ("m", 1e6), ("k", 1e3)]
    static let scaleWords: [String: Double] = [
        "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    ]
    static let percentWords: Set<String> = ["percent", "per-cent", "pct"]

    /// Every numeric value in a text, in order, with following scale words and units folded in:
    /// "3.5 percent" is 3.5 %, "$1.2 billion" is 1.2e9 $, "23 member nations" keeps "nations".
    public static func values(in text: String) -> [NumericValue] {
        let tokens = TextNormalizer.tokens(text, mergingPercent: false).map(\.text)
        var values: [NumericValue] = []
        var index = 0
        while index < tokens.count {
            guard var value = NumericValue(token: tokens[index]) else {
                index += 1
                continue
            }
            var words = [tokens[index]]
            var next = index + 1
            if next < tokens.count, let factor = scaleWords[tokens[next]] {
                value.value *= factor
                words.append(tokens[next])
                next += 1
            }
            if next < tokens.count, percentWords.contains(tokens[next]) {
                value.unit = "%"
                words.append(tokens[next])
                next += 1
            } else if next + 1 < tokens.count, tokens[next] == "per", tokens[next + 1] == "cent" {
                value.unit = "%"
                words += ["per", "cent"]
                next += 2
            }
            if value.unit.isEmpty {
                // A counted noun right after the number, possibly behind one modifier: "23 member nations".
                for offset in 0..<2 where next + offset < tokens.count {
                    let word = tokens[next + offset]
                    guard word.allSatisfy(\.isLetter), !TextNormalizer.stopwords.contains(word) else { break }
                    if word.hasSuffix("s") || offset == 1 {
                        value.unit = TextNormalizer.stem(word)
                        break
                    }
                }
            }
            value.text = words.joined(separator: " ")
            values.append(value)
            index = next
        }
        return values
    }
}
