#!/usr/bin/env python3
"""make bench: quote extraction and attribution, scored and timed with `quotewatch extract --json`.

  extraction-bench.py QUOTEWATCH [--baseline OTHER_QUOTEWATCH]

Scores, each where its data is present (and says so where it is not):
  - polnear-train (../shared/corpus/polnear-train, real US news, its own score.py);
  - LitBank's quotation layer (../shared/corpus/quotes/litbank), detokenized and scored exactly as
    Tests/QuoteCoreTests/ExtractionLitBankTests.swift does (exact span recall and precision, and
    whether a named speaker's surname is in the gold speaker's id);
  - the invented wire articles of Tests/QuoteCoreTests/Fixtures/wire (F1 and attribution, as
    ExtractionWireArticleTests scores them).
Then times `extract --json` over the polnear articles, alternating with --baseline when given, so
that the ratio is of the same run.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "corpus")

CLOSING = {",", ".", ";", ":", "!", "?", ")", "]", "”", "’", "'", "n't", "n’t", "%", "…"}
MARKS = {"“", "”", "‘", "’", "\"", "'", "—", "--"}


def extract(binary, paths):
    """One `extract --json` process over `paths`: {path: [quote, ...]} (speech quotes only)."""
    out = subprocess.run([binary, "extract", "--json", *paths], capture_output=True, text=True, check=True).stdout
    result = {}
    for line in out.splitlines():
        record = json.loads(line)
        result[record["source"]] = record.get("quotes", [])
    return result


def litbank_book(base):
    """The detokenized text of one LitBank book (one paragraph) and its gold quotes as
    (start, end, speaker id) in code points, trimmed as the extractor trims."""
    lines = open(base + ".txt", encoding="utf-8").read().split("\n")
    text, tokens = [], []
    length = 0
    no_space_next, straight_open = True, False
    for line in lines:
        row = []
        for word in line.split(" "):
            if not word:
                continue
            attach = word in CLOSING or word.startswith("'") or (word.startswith("’") and len(word) > 1)
            if word == "\"":
                attach = straight_open
                straight_open = not straight_open
            if not no_space_next and not attach:
                text.append(" ")
                length += 1
            row.append((length, length + len(word)))
            text.append(word)
            length += len(word)
            no_space_next = word in ("“", "‘", "(", "[") or (word == "\"" and straight_open)
        tokens.append(row)
    text = "".join(text)
    speakers, quotes = {}, []
    for row in open(base + ".ann", encoding="utf-8").read().split("\n"):
        f = row.split("\t")
        if f[0] == "QUOTE" and len(f) >= 6:
            quotes.append((f[1], int(f[2]), int(f[3]), int(f[4]), int(f[5])))
        elif f[0] == "ATTRIB" and len(f) >= 3:
            speakers[f[1]] = f[2]
    gold = []
    for qid, ss, st, es, et in quotes:
        if ss >= len(tokens) or es >= len(tokens) or st >= len(tokens[ss]) or et >= len(tokens[es]):
            continue
        a, b = tokens[ss][st][0], tokens[es][et][1]
        if text[tokens[ss][st][0]:tokens[ss][st][1]] in MARKS:
            a = tokens[ss][st][1]
        if text[tokens[es][et][0]:tokens[es][et][1]] in MARKS:
            b = tokens[es][et][0]
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and text[b - 1] == ",":
            b -= 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            gold.append((a, b, speakers.get(qid, "")))
    return text, gold


def litbank(binary):
    folder = os.path.join(SHARED, "quotes", "litbank", "tsv")
    if not os.path.isdir(folder):
        print("LitBank: skipped, ../shared/corpus/quotes/litbank is absent")
        return
    books = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".ann"))
    with tempfile.TemporaryDirectory() as tmp:
        golds, paths = {}, []
        for name in books:
            text, gold = litbank_book(os.path.join(folder, name))
            path = os.path.join(tmp, name + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            golds[path] = gold
            paths.append(path)
        predicted = extract(binary, paths)
    gold_n = pred_n = exact = judged = right = 0
    for path, gold in golds.items():
        spans = {(q["start"], q["end"]): q.get("speaker") for q in predicted.get(path, [])}
        gold_n += len(gold)
        pred_n += len(spans)
        for a, b, speaker in gold:
            if (a, b) not in spans:
                continue
            exact += 1
            name = spans[(a, b)]
            if name:
                judged += 1
                if name.split(" ")[-1].lower() in re.split(r"[_-]", speaker.lower()):
                    right += 1
    print(f"LitBank ({len(books)} books, {gold_n} quotes): exact span recall {exact / max(gold_n, 1):.1%}, "
          f"precision {exact / max(pred_n, 1):.1%}, named speaker agrees {right}/{judged} ({right / max(judged, 1):.1%})")


def wire(binary):
    folder = os.path.join(ROOT, "Tests", "QuoteCoreTests", "Fixtures", "wire")
    gold = json.load(open(os.path.join(folder, "gold.json"), encoding="utf-8"))
    paths = {os.path.join(folder, name): entries for name, entries in sorted(gold.items())}
    predicted = extract(binary, list(paths))
    gold_n = pred_n = found = right = 0
    last = lambda name: name.split(" ")[-1].lower() if name else None
    for path, entries in paths.items():
        speech = list(predicted.get(path, []))
        pred_n += len(speech)
        for entry in entries:
            if entry["kind"] != "speech":
                continue
            gold_n += 1
            match = next((q for q in speech if q["text"] == entry["text"]), None)
            if match is None:
                continue
            speech.remove(match)
            found += 1
            right += last(match.get("speaker")) == last(entry.get("speaker"))
    p, r = found / max(pred_n, 1), found / max(gold_n, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    print(f"invented wire articles ({len(paths)}, {gold_n} speech quotes): F1 {f1:.3f}, attribution {right / max(found, 1):.3f} ({right}/{found})")


def polnear(binary):
    scorer = os.path.join(SHARED, "polnear-train", "score.py")
    if not os.path.isfile(scorer):
        print("polnear-train: skipped, ../shared/corpus/polnear-train is absent")
        return None
    out = subprocess.run([sys.executable, scorer, binary], capture_output=True, text=True).stdout.strip().splitlines()
    print("polnear-train (668 real US news articles): " + (out[-1] if out else "the scorer printed nothing"))
    return sorted(os.path.join(SHARED, "polnear-train", f) for f in os.listdir(os.path.join(SHARED, "polnear-train")) if f.endswith(".txt"))


def timing(binary, baseline, articles, runs=5):
    size = sum(os.path.getsize(p) for p in articles)
    def once(b):
        start = time.perf_counter()
        subprocess.run([b, "extract", "--json", *articles], stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start
    once(binary)
    if baseline:
        once(baseline)
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(once(binary))
        if baseline:
            theirs.append(once(baseline))
    t = statistics.median(mine)
    line = f"extract --json of {len(articles)} articles ({size / 1e6:.1f} MB): {t:.2f} s, {len(articles) / t:.0f} articles/s"
    if baseline:
        ratios = sorted(a / b for a, b in zip(mine, theirs))
        line += f"; baseline {os.path.relpath(baseline)}: {statistics.median(theirs):.2f} s, time ratio (this / baseline) median {statistics.median(ratios):.2f} (min {ratios[0]:.2f}, max {ratios[-1]:.2f})"
    print(line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--baseline", help="another quotewatch binary to time in the same run")
    args = parser.parse_args()
    articles = polnear(args.binary)
    litbank(args.binary)
    wire(args.binary)
    if articles:
        timing(args.binary, args.baseline, articles)


if __name__ == "__main__":
    main()
