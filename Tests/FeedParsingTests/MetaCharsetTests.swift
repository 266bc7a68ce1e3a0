@testable import FeedParsing
import Testing

/// The charset an HTML page's head declares, read on bytes whether or not the head holds characters
/// beyond ASCII; where one borders the value, the string search answers as it always did.
@Suite struct MetaCharsetTests {
    @Test(arguments: [
        (#"<meta charset="UTF-8">"#, "utf-8"),
        (#"<meta http-equiv="Content-Type" content="text/html; CHARSET=ISO-8859-1">"#, "iso-8859-1"),
        (#"<title>“Quoted” — café</title><meta charset='windows-1252'>"#, "windows-1252"),
        (#"<title>Ünïcode</title><meta charset= shift_jis >"#, "shift_jis"),
        (#"<p>charset=</p><title>é</title><meta charset="koi8-r">"#, "koi8-r"),
        (#"<title>é</title>"#, nil),
        ("<title>no charset here</title>", nil),
        // Beyond ASCII right after the value or the mark: the string's letters decide.
        ("<title>é</title><meta charset=utf-8é>", "utf-8é"),
        ("<meta charset=\"é\"><meta charset=ascii>", "é"),
        ("<meta charset=\u{301}><meta charset=ascii>", "ascii"),
    ] as [(String, String?)])
    func declared(head: String, charset: String?) {
        #expect(TextDecoding.metaCharset(Array(head.utf8)) == charset)
    }
}
