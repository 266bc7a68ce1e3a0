import Testing

@testable import FeedParsing

@Suite("HTMLText")
struct HTMLTextTests {
    static let cases: [(String, String)] = [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<b>a</b><i>b</i>", "ab"),
        ("a<br>b", "a\nb"),
        ("a<br/>  b", "a\nb"),
        ("<div>x</div>y", "x\n\ny"),
        ("<p>It&rsquo;s&nbsp;here &amp; there &lt;ok&gt;</p>", "It\u{2019}s here & there <ok>"),
        ("<p>Hello <script>alert(1)</script>world</p>", "Hello world"),
        ("<style>p{}</style><p>kept</p><noscript>no</noscript>", "kept"),
        ("<p>  lots\n\n of   \t space  </p>", "lots of space"),
        ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
        ("<h1>Title</h1>Body <em>text</em>.", "Title\n\nBody text."),
        ("<blockquote>“Quoted,” he said.</blockquote>", "“Quoted,” he said."),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc"),
        ("plain &amp; simple", "plain & simple"),
        ("no markup at all", "no markup at all"),
        ("<html><head><title>T</title></head><body><p>Doc</p></body></html>", "Doc"),
        ("<p>word<span>joined</span> and <a href='x'>link</a>.</p>", "wordjoined and link."),
        ("<section><p>a</p></section><article><p>b</p></article><figure>c</figure>", "a\n\nb\n\nc"),
        ("", ""),
    ]

    @Test(arguments: cases)
    func converts(_ html: String, _ expected: String) {
        #expect(HTMLText.plainText(fromHTML: html) == expected)
    }
}
