/// The document every page is: head, the site's header and navigation, the page's body.
enum PageLayout {
    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · quotewatch</title>
        <link rel="stylesheet" href="/style.css">
        <link rel="alternate" type="application/atom+xml" title="quotewatch events" href="/events.atom">
        </head>
        <body>
        <header><a class="brand" href="/">quotewatch</a>
        <nav><a href="/">Statements</a><a href="/events">Events</a><a href="/events.atom">Atom</a><a href="/api/status">Status (JSON)</a><a href="/metrics">Metrics</a></nav></header>
        <main>
        \(body)
        </main>
        <footer>quotewatch · read-only · every text shown comes from the feeds as they were read</footer>
        </body>
        </html>

        """
    }
}
