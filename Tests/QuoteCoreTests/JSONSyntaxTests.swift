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
