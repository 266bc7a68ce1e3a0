/// The pages' one small stylesheet, served at `/style.css` (the Content-Security-Policy allows no
/// inline style).
enum Stylesheet {
    static let css = """
        :root { color-scheme: light dark; --fg: #1d2125; --muted: #5d6770; --line: #d8dde2; --bg: #fff; --soft: #f4f6f8;
          --ins: #d9f5dd; --del: #fbe0e0; --accent: #0b5cad; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e6e9ec; --muted: #9aa5ae; --line: #39424a; --bg: #14181c; --soft: #1d2329;
          --ins: #1f4a2a; --del: #5a2326; --accent: #6fb0f0; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
        header { display: flex; gap: 1.5rem; align-items: baseline; padding: .8rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--soft); }
        header .brand { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; }
        header nav a { margin-right: 1rem; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        a { color: var(--accent); }
        h1 { font-size: 1.6rem; margin: 1rem 0 .3rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
        .muted, time { color: var(--muted); }
        time { font-size: .9em; white-space: nowrap; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
        th { font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
        blockquote { margin: .4rem 0; padding: .3rem .9rem; border-left: 4px solid var(--line); background: var(--soft); }
        blockquote.statement { font-size: 1.2rem; border-left-color: var(--accent); }
        ins { background: var(--ins); text-decoration: none; padding: 0 .15em; }
        del { background: var(--del); padding: 0 .15em; }
        .badge { display: inline-block; font-size: .78rem; font-weight: 600; padding: .05rem .45rem; border-radius: .7rem;
          background: var(--soft); border: 1px solid var(--line); white-space: nowrap; }
        .badge.quote-new { border-color: #2f8f46; } .badge.quote-edited { border-color: #b7791f; }
        .badge.quote-removed, .badge.feed-failed { border-color: #c53030; } .badge.claim-changed { border-color: #805ad5; }
        .badge.attribution-changed { border-color: #d53f8c; } .badge.feed-recovered { border-color: #2f8f46; }
        .result-failed { color: #c53030; font-weight: 600; } .result-ok, .result-not-modified { color: #2f8f46; }
        ol.timeline { list-style: none; padding: 0; margin: 0; }
        ol.timeline > li { border: 1px solid var(--line); border-radius: .5rem; padding: .8rem 1rem; margin: 0 0 1rem; }
        ol.timeline ol.events { list-style: none; padding-left: 0; margin: .5rem 0 0; border-left: 2px solid var(--line); }
        ol.timeline ol.events li { padding: .25rem 0 .25rem .9rem; }
        .outlet { font-weight: 600; }
        .first { font-size: .8rem; font-weight: 700; color: #2f8f46; margin-left: .4rem; }
        .values { font-family: ui-monospace, monospace; }
        form.filters { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; margin: .6rem 0 1rem; }
        form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        pre.text { white-space: pre-wrap; background: var(--soft); padding: .8rem; border-radius: .4rem; max-height: 30rem; overflow: auto; }
        footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; color: var(--muted); font-size: .85rem; }

        """
}
