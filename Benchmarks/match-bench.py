#!/usr/bin/env python3
"""Statement matching at scale, whole process (issue 6's benchmark).

Every whole (non-partial) quote of the corpus, with its speaker, goes through
`quotewatch match --json --statements statements-M.json` in one process, index build
included. Reported: wall time (best of --repeat), quotes/s, peak RSS, and how many planted
statements (statements-M.truth.json) were found as their source quote's match. A planted
statement whose negations differ from its source quote (a dropped "not", "never" swapped for
another word) is a different claim, so it is left out of the denominator and reported apart.

rapidfuzz extractOne (token_set_ratio, the peer of ../shared/bench/peers.py) is timed in the
same run on a sample of the same quotes, and the ratio of the two rates is printed.

Usage: match-bench.py QUOTEWATCH CORPUS [--statements M] [--sample K] [--python PY] [--json]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

NEGATION = re.compile(r"\b(not|no|never|nor|neither|none|nobody|nothing|nowhere|without|cannot)\b|n['\u2019]t\b",
                      re.IGNORECASE)


def negations(text):
    return len(NEGATION.findall(text))


def run_timed(argv, stdout_path):
    start = time.perf_counter()
    with open(stdout_path, "w") as out:
        p = subprocess.run(["/usr/bin/time", "-f", "GNUTIME %M"] + argv, stdout=out, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"match-bench: {' '.join(argv)} failed ({p.returncode}): {p.stderr[-500:]}")
    rss = [int(line.split()[1]) for line in p.stderr.splitlines() if line.startswith("GNUTIME ")]
    return elapsed, (rss[-1] / 1024 if rss else float("nan"))


def rapidfuzz_rate(python, quotes, statements, sample):
    """quotes/s of rapidfuzz extractOne over `sample` quotes, in a child process of `python`."""
    code = r"""
import json, sys, time
from rapidfuzz import process, fuzz, utils
st = json.load(open(sys.argv[1]))
qs = [json.loads(l)["text"] for l in open(sys.argv[2])][: int(sys.argv[3])]
choices = [utils.default_process(s["text"]) for s in st]
t = time.perf_counter()
for q in qs:
    process.extractOne(utils.default_process(q), choices, scorer=fuzz.token_set_ratio, processor=None)
print(len(qs) / (time.perf_counter() - t))
"""
    p = subprocess.run([python, "-c", code, statements, quotes, str(sample)], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "failed"
    return float(p.stdout.strip()), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--statements", type=int, default=100000)
    ap.add_argument("--sample", type=int, default=300, help="quotes timed with rapidfuzz (it takes ~0.2 s each)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--python", default=sys.executable, help="a Python with rapidfuzz installed")
    ap.add_argument("--json", action="store_true", help="end with one JSON line of the figures (throughput-bench's row)")
    a = ap.parse_args()

    quotes = [json.loads(line) for line in open(os.path.join(a.corpus, "quotes.jsonl"), encoding="utf-8")]
    whole = [q for q in quotes if not q["partial"]]
    statements_path = os.path.join(a.corpus, f"statements-{a.statements}.json")
    statements = {s["id"]: s for s in json.load(open(statements_path, encoding="utf-8"))}
    truth = json.load(open(os.path.join(a.corpus, f"statements-{a.statements}.truth.json")))
    quotes_path = os.path.join(a.corpus, "whole-quotes.jsonl")
    with open(quotes_path, "w", encoding="utf-8") as f:
        for q in whole:
            f.write(json.dumps({"text": q["text"], "speaker": q["speaker"]}, ensure_ascii=False) + "\n")

    out_path = os.path.join(a.corpus, f"match-{a.statements}.out.jsonl")
    runs = [run_timed([a.binary, "match", "--json", "--statements", statements_path, quotes_path], out_path)
            for _ in range(a.repeat)]
    best = min(t for t, _ in runs)
    rss = max(r for _, r in runs)
    answers = [json.loads(line) for line in open(out_path, encoding="utf-8")]
    if len(answers) != len(whole):
        sys.exit(f"match-bench: {len(answers)} answers for {len(whole)} quotes")
    picked = {q["quote_id"]: o["statement"] for q, o in zip(whole, answers)}
    byid = {q["quote_id"]: q for q in whole}
    counted = found = other_claim = 0
    for sid, planted in truth.items():
        quote = byid.get(planted["quote_id"])
        if quote is None:
            continue
        if negations(quote["text"]) != negations(statements[sid]["text"]):
            other_claim += 1
            continue
        counted += 1
        found += picked[planted["quote_id"]] == sid
    rate = len(whole) / best
    print(f"quotewatch match --json, {len(whole):,} quotes against {a.statements:,} statements (whole process, "
          f"index included): best {best:.2f} s of {a.repeat}, {rate:,.0f} quotes/s, peak RSS {rss:.0f} MB")
    print(f"planted statements found: {found:,}/{counted:,} = {found / counted:.3f} "
          f"({other_claim:,} planted with other negations than their quote left out: different claims)")
    fuzz, error = rapidfuzz_rate(a.python, quotes_path, statements_path, a.sample)
    if fuzz is None:
        print(f"rapidfuzz extractOne: not measured ({error}); install rapidfuzz for --python")
    else:
        print(f"rapidfuzz extractOne (token_set_ratio), {a.sample} of the same quotes: {fuzz:.2f} quotes/s; "
              f"quotewatch/rapidfuzz = {rate / fuzz:,.0f}x")
    if a.json:
        print(json.dumps({"quotes": len(whole), "statements": a.statements, "rate": rate, "recall": found / counted,
                          "rapidfuzz": fuzz}))


if __name__ == "__main__":
    main()
