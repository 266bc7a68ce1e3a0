import Foundation
import QuoteCore
import Testing

/// Written member by member, JSON comes out byte for byte as ``JSONValue`` writes the same value.
@Suite struct JSONWriterTests {
    /// `value` through the writer's calls, containers opened and closed as a caller does.
    private func write(_ value: JSONValue, into json: inout JSONWriter) {
        switch value {
        case .object(let pairs):
            json.beginObject()
            for (key, member) in pairs {
                json.key(key)
                write(member, into: &json)
            }
            json.endObject()
        case .array(let elements):
            json.beginArray()
            for element in elements { write(element, into: &json) }
            json.endArray()
        case .string(let text): json.string(text)
        case .bool(let flag): json.bool(flag)
        default: json.value(value)
        }
    }

    private func random(depth: Int, using generator: inout some RandomNumberGenerator) -> JSONValue {
        let strings = ["", "a", "q\"\\\n", "é\u{2028}", "x y z"]
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int64.random(in: -1000...1000, using: &generator))
        case 3: return .number(Double.random(in: -10...10, using: &generator))
        case 4: return .string(strings.randomElement(using: &generator)!)
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in random(depth: depth + 1, using: &generator) })
        default:
            return .object((0..<Int.random(in: 0...4, using: &generator)).map { index in
                ("k\(index)\(strings.randomElement(using: &generator)!)", random(depth: depth + 1, using: &generator))
            })
        }
    }

    @Test func writesWhatTheValueWriterWrites() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = random(depth: 0, using: &generator)
            var json = JSONWriter(appendingTo: Array("prefix ".utf8))
            write(value, into: &json)
            #expect(String(decoding: json.bytes, as: UTF8.self) == "prefix " + value.rendered)
        }
    }

    @Test func datesAndMissingValues() {
        var json = JSONWriter()
        json.beginObject()
        json.key("at")
        json.date(Date(timeIntervalSince1970: 1_764_460_740))
        json.key("never")
        json.date(nil)
        json.member("none", nil)
        json.key("list")
        json.beginArray()
        json.string("a")
        json.beginObject()
        json.endObject()
        json.beginArray()
        json.endArray()
        json.endArray()
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"at": "2025-11-29T23:59:00Z", "never": null, "none": null, "list": ["a", {}, []]}"#)
    }
}
