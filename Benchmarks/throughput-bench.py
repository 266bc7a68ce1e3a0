#!/usr/bin/env python3
"""make bench: the throughput table of issue 15, every row beside its peers and floors, one run.

  throughput-bench.py QUOTEWATCH CORPUS [--python PEERS_PYTHON] [--repeat N]

CORPUS is a gen_corpus.py folder made with --statements 1000,100000 --html-pages 300. Each row is
timed as whole processes (start-up and reading included), best of --repeat, with the peers of
../shared/bench/peers.py (fastfeedparser, trafilatura) and the libxml2 floors (xmllint) timed in
the same run, so the ratios hold on a shared, noisy machine:

  - the first cycle: `run --once` over the corpus's feeds as file:// URLs with 1,000 statements, on
    a new database (items/s and peak memory), against `xmllint --noout` on the same files;
  - the same cycle again, nothing changed, against the same floor;
  - `parse --json` of the feeds, against fastfeedparser and `xmllint --stream --noout`;
  - `extract --json` of the article pages, against trafilatura (text only) and
    `xmllint --html --noout`;
  - `match --json` of every whole quote against 100,000 statements, against rapidfuzz's extractOne
    on a sample of the same quotes (match-bench.py, whose own lines are printed before the table).
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.join(HERE, "..", "..", "shared", "bench", "peers.py")


def timed(argv, repeat, env=None, before=None):
    """Best wall time (s) of `repeat` runs under GNU time, and the largest peak RSS (MB)."""
    gtime = shutil.which("time") or "/usr/bin/time"
    best, rss = None, 0.0
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        # The output goes to /dev/null, as xmllint's --noout: a pipe to this script would time
        # Python's reading of 100 MB of JSON.
        p = subprocess.run([gtime, "-f", "GNUTIME %e %M"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        took = time.perf_counter() - start
        line = [l for l in p.stderr.splitlines() if l.startswith("GNUTIME ")]
        if p.returncode != 0 or not line:
            sys.exit(f"command failed (rc {p.returncode}): {' '.join(argv)[:300]}\n{p.stderr[-800:]}")
        rss = max(rss, int(line[-1].split()[2]) / 1024)
        best = took if best is None else min(best, took)
    return best, rss


def peer(python, name, corpus, repeat):
    """One peers.py row as a dict, or None (with the reason on stderr) when it cannot run."""
    if not python or not os.path.exists(PEERS):
        return None
    p = subprocess.run([python, PEERS, name, "--corpus", corpus, "--repeat", str(repeat), "--json"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        print(f"bench: peer {name} failed: {p.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return json.loads(p.stdout.strip().splitlines()[-1])


def ratio(a, b):
    return a / b if a and b else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("corpus")
    parser.add_argument("--python", default=None, help="the peers' Python (fastfeedparser, trafilatura)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    binary, corpus = os.path.abspath(args.binary), os.path.abspath(args.corpus)
    feeds = sorted(glob.glob(os.path.join(corpus, "feeds", "*.xml")))
    pages = sorted(glob.glob(os.path.join(corpus, "pages", "*.html")))
    manifest = json.load(open(os.path.join(corpus, "manifest.json")))
    items, feed_bytes = manifest["total_items"], manifest["total_bytes"]
    if not shutil.which("xmllint"):
        sys.exit("bench: xmllint not found (apt-get install libxml2-utils)")
    rows = []

    # The cycle: a configuration naming every feed file, with the corpus's 1,000 statements.
    work = tempfile.mkdtemp(prefix="qw-cycle-")
    statements = json.load(open(os.path.join(corpus, "statements-1000.json")))
    config = {
        "refreshInterval": "1h",
        "database": os.path.join(work, "quotewatch.sqlite"),
        "feeds": [{"id": f"f{i}", "url": "file://" + path} for i, path in enumerate(feeds)],
        "statements": statements,
        "limits": {"feeds": 100000, "statements": 100000},
    }
    config_path = os.path.join(work, "feeds.json")
    json.dump(config, open(config_path, "w"))
    env = None

    def fresh():
        for name in glob.glob(os.path.join(work, "quotewatch.sqlite*")):
            os.remove(name)

    run = [binary, "run", "--once", "--config", config_path, "--log-level", "warning"]
    dom, _ = timed(["xmllint", "--noout"] + feeds, args.repeat)
    first, first_rss = timed(run, args.repeat, env=env, before=fresh)
    again, _ = timed(run, args.repeat, env=env)
    rows.append(("first cycle, run --once, %d feeds, %d items, 1,000 statements" % (len(feeds), items),
                 f"{first:.2f} s, {items / first:,.0f} items/s, {first_rss:.0f} MB peak",
                 f"xmllint --noout {dom:.2f} s", f"{ratio(first, dom):.1f}x xmllint", "<= 10x, <= 150 MB",
                 ratio(first, dom) <= 10 and first_rss <= 150))
    rows.append(("the same cycle again, nothing changed", f"{again:.2f} s", f"xmllint --noout {dom:.2f} s",
                 f"{ratio(again, dom):.2f}x xmllint", "<= 1x", ratio(again, dom) <= 1))
    shutil.rmtree(work, ignore_errors=True)

    # parse --json against fastfeedparser and the reader floor.
    stream, _ = timed(["xmllint", "--stream", "--noout"] + feeds, args.repeat)
    parse, _ = timed([binary, "parse", "--json", os.path.join(corpus, "feeds")], args.repeat)
    fast = peer(args.python, "parse-fastfeedparser", corpus, args.repeat)
    fast_mbs = fast["mb_s"] if fast else None
    parse_mbs = feed_bytes / 1e6 / parse
    stream_mbs = feed_bytes / 1e6 / stream
    rows.append(("parse --json, %d feeds, %.0f MB" % (len(feeds), feed_bytes / 1e6), f"{parse_mbs:.0f} MB/s",
                 (f"fastfeedparser {fast_mbs:.0f} MB/s, " if fast_mbs else "") + f"xmllint --stream {stream_mbs:.0f} MB/s",
                 (f"{ratio(parse_mbs, fast_mbs):.2f}x fastfeedparser, " if fast_mbs else "") + f"{ratio(parse, stream):.1f}x xmllint",
                 ">= 1x fastfeedparser, <= 1.5x xmllint",
                 (fast_mbs is None or parse_mbs >= fast_mbs) and ratio(parse, stream) <= 1.5))

    # extract --json of the article pages against trafilatura and the HTML parser's floor.
    if pages:
        html, _ = timed(["xmllint", "--html", "--noout"] + pages, args.repeat)
        extract, _ = timed([binary, "extract", "--json"] + pages, args.repeat)
        traf = peer(args.python, "html-trafilatura", corpus, args.repeat)
        traf_ps = traf["items_s"] if traf else None
        ours = len(pages) / extract
        rows.append((f"extract --json, {len(pages)} article pages", f"{ours:.0f} pages/s",
                     (f"trafilatura {traf_ps:.0f} pages/s, " if traf_ps else "") + f"xmllint --html {len(pages) / html:.0f} pages/s",
                     (f"{ratio(ours, traf_ps):.1f}x trafilatura, " if traf_ps else "") + f"{ratio(extract, html):.1f}x xmllint",
                     ">= 3x trafilatura, <= 2x xmllint",
                     (traf_ps is None or ours >= 3 * traf_ps) and ratio(extract, html) <= 2))
    else:
        print("bench: no article pages in the corpus (gen_corpus.py --html-pages 300); the extract row is left out")

    # match --json of every whole quote against 100,000 statements, beside rapidfuzz (match-bench.py,
    # whose lines are printed as they come; its figures make the table's last row).
    p = subprocess.run([sys.executable, os.path.join(HERE, "match-bench.py"), binary, corpus, "--json"]
                       + (["--python", args.python] if args.python else []), capture_output=True, text=True)
    lines = p.stdout.strip().splitlines()
    if p.returncode != 0 or not lines:
        print(f"bench: match-bench failed: {(p.stderr or p.stdout).strip()[-300:]}", file=sys.stderr)
    else:
        print("\n".join(lines[:-1]))
        m = json.loads(lines[-1])
        fuzz = m["rapidfuzz"]
        rows.append((f"match --json, {m['quotes']:,} quotes against {m['statements']:,} statements",
                     f"{m['rate']:,.0f} quotes/s, recall {m['recall']:.3f}",
                     f"rapidfuzz extractOne {fuzz:.2f} quotes/s" if fuzz else "rapidfuzz not measured",
                     f"{ratio(m['rate'], fuzz):,.0f}x rapidfuzz" if fuzz else "-",
                     ">= 1,000x, recall >= 0.95",
                     (fuzz is None or m["rate"] >= 1000 * fuzz) and m["recall"] >= 0.95))

    print("| work | quotewatch | peers and floor, same run | ratio | goal | met |")
    print("|---|---|---|---|---|---|")
    for work_, ours_, peers_, ratio_, goal, met in rows:
        print(f"| {work_} | {ours_} | {peers_} | {ratio_} | {goal} | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
