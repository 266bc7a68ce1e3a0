import QuoteCore
import Testing

/// The configuration's JSON grammar check: well-formed documents pass, and the first problem is
/// named with its line and column.
struct JSONSyntaxTests {
    @Test(arguments: [
        #"{}"#, #"[]"#, #" {"a": [1, -2.5e+3, 0, true, false, null, "x\n\u00e9\"", {"b": {}}]} "#, #""text""#, "\n[\n  1\n]\n",
        "{\"caf\u{e9}\": \"\u{1F600}\"}",
    ])
    func wellFormed(_ text: String) {
        #expect(JSONSyntax.problem(in: Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ("{\n  \"feeds\": [\n    {\"id\": \"a\"},\n  ]\n}", 4, 3, "a trailing comma before ]"),
        ("{\"a\": 1,}", 1, 9, "a trailing comma before }"),
        ("{\"a\" 1}", 1, 6, "expected : after the key, found '1'"),
        ("{a: 1}", 1, 2, "expected a quoted key, found 'a'"),
        ("[1 2]", 1, 4, "expected , or ], found '2'"),
        ("[tru]", 1, 5, "unexpected ']'; did you mean true?"),
        ("[01]", 1, 3, "expected , or ], found '1'"),
        ("[1.]", 1, 4, "a number needs digits after its decimal point"),
        ("\"abc", 1, 5, "a string that never ends"),
        ("\"a\\x\"", 1, 4, "unknown escape \\'x'"),
        ("\"é\tb\"", 1, 3, "a control character inside a string (write it escaped)"),
        ("{} {}", 1, 4, "more text after the JSON value"),
        ("", 1, 1, "the document ends where a value should be"),
    ] as [(String, Int, Int, String)])
    func problems(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        #expect(JSONSyntax.problem(in: Array(text.utf8)) == JSONSyntax.Problem(line: line, column: column, message: message))
    }

    @Test func deepNestingIsAProblemNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONSyntax.problem(in: Array(deep.utf8))?.message.hasPrefix("nested more than") == true)
    }
}

/// The one JSON value type: what documents decode to, and how values are written.
struct JSONValueTests {
    @Test func bytesThatAreNotUTF8AreNamedWhereTheyAre() {
        let bytes = Array("{\n  \"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect(JSONSyntax.problem(in: bytes) == JSONSyntax.Problem(line: 2, column: 9, message: "bytes that are not UTF-8"))
        #expect(throws: JSONSyntax.Problem.self) { try JSONValue.parse(bytes) }
    }

    @Test(arguments: [
        (#"true"#, JSONValue.bool(true)), (#"false"#, .bool(false)), (#"1"#, .integer(1)), (#"0"#, .integer(0)),
        (#"-2.5"#, .number(-2.5)), (#"1e3"#, .number(1000)), (#"null"#, .null), (#""é\n""#, .string("é\n")),
        (#"[1, "a", [true]]"#, .array([.integer(1), .string("a"), .array([.bool(true)])])),
        (#"{"b": 1, "a": {"c": null}}"#, .object([("a", .object([("c", .null)])), ("b", .integer(1))])),
    ])
    func decodes(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue.parse(Array(text.utf8)) == expected)
    }

    /// JSON's booleans are never numbers nor numbers booleans (Foundation's NSNumber blurred them).
    @Test func booleansAndNumbersStayApart() throws {
        let value = try JSONValue.parse(Array(#"{"flag": true, "one": 1, "half": 0.5}"#.utf8))
        #expect(value["flag"]?.boolValue == true && value["flag"]?.doubleValue == nil && value["flag"]?.intValue == nil)
        #expect(value["one"]?.boolValue == nil && value["one"]?.intValue == 1 && value["one"]?.doubleValue == 1)
        #expect(value["half"]?.intValue == nil && value["half"]?.doubleValue == 0.5)
        #expect(value["missing"] == nil && value["one"]?["x"] == nil)
    }

    @Test func trailingCommasAreRefused() {
        #expect(throws: JSONSyntax.Problem(line: 1, column: 7, message: "a trailing comma before ]")) {
            try JSONValue.parse(Array("[1, 2,]".utf8))
        }
    }

    /// Objects keep the order they are built in; strings escape what JSON and JavaScript need.
    @Test func writesInOrderAndEscapes() {
        let value = JSONValue.object([
            ("z", .integer(-3)), ("a", .string("q\"\\\n\t\u{1}\u{2028}é")), ("n", .number(2.5)), ("w", .number(4)),
            ("l", .array([.null, .bool(false)])), ("d", .date(nil)), ("i", .int(nil)),
        ])
        #expect(value.rendered == #"{"z": -3, "a": "q\"\\\n\t\u0001\u2028é", "n": 2.5, "w": 4, "l": [null, false], "d": null, "i": null}"#)
        #expect(JSONValue.number(.infinity).rendered == "null")
    }

    /// The eight-bytes-at-a-time escape against JSONDecoder: strings with the characters that need
    /// escaping at every offset read back as they were, with no raw control character written.
    @Test func escapingReadsBackAtEveryOffset() throws {
        let alphabet: [String] = ["a", "é", "\"", "\\", "\n", "\u{1}", "\u{1f}", " ", "\u{2028}", "\u{2029}", "€", "🙂", "\u{7f}", "x", "y", "z"]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            for _ in 0..<20 {
                let text = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }.joined()
                let escaped = JSONValue.escape(text)
                #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
                #expect(try JSONValue.parse(Array(escaped.utf8)) == .string(text), "\(text.debugDescription)")
            }
        }
    }

    /// What is written reads back as the same value.
    @Test func roundTrips() throws {
        let value = JSONValue.object([("a", .array([.string("x\u{0}y"), .integer(Int64.max), .number(0.1)])), ("b", .bool(true))])
        #expect(try JSONValue.parse(Array(value.rendered.utf8)) == value)
    }
}
