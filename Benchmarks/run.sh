#!/usr/bin/env bash
# make bench: generates the synthetic corpus of ../shared/bench (deterministic) and times each
# stage of the pipeline on it with the release build. Usage: Benchmarks/run.sh [quotewatch binary]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/bench
corpus=.build/bench-corpus
if [ ! -f "$shared/gen_corpus.py" ]; then
  echo "bench: $shared/gen_corpus.py not found; the benchmark needs the shared corpus generator" >&2
  exit 1
fi
if [ ! -f "$corpus/manifest.json" ]; then
  python3 "$shared/gen_corpus.py" --out "$corpus" --statements 1000,100000 >/dev/null
fi
echo "## quotewatch stages (in-process, release build)"
.build/release/quotewatch-bench "$corpus"
echo
echo "## whole commands"
bin=${1:-.build/release/quotewatch}
start=$(date +%s.%N); "$bin" parse --json "$corpus/feeds" > /dev/null; end=$(date +%s.%N)
bytes=$(du -sb "$corpus/feeds" | cut -f1)
python3 -c "import sys; t=$end-$start; print(f'quotewatch parse --json {sys.argv[1]}/feeds: {t:.2f} s, {$bytes/1e6/t:.1f} MB/s')" "$corpus"
echo
echo "## extraction: quote F1 and attribution on real news (polnear train), LitBank and the wire fixtures; extract speed"
# QW_BASELINE=OTHER_QUOTEWATCH times an older build in the same run, for a before/after ratio.
python3 Benchmarks/extraction-bench.py "$bin" ${QW_BASELINE:+--baseline "$QW_BASELINE"}
echo
echo "## matching: every whole quote against 100,000 statements (quotewatch match --json, whole process)"
# rapidfuzz, the peer, in a virtualenv of its own (from PyPI) when it is not there yet.
peers=.build/peers
if ! "$peers/bin/python" -c "import rapidfuzz" 2>/dev/null; then
  python3 -m venv "$peers" && "$peers/bin/pip" install -q --only-binary=:all: rapidfuzz==3.14.6 \
    || echo "bench: rapidfuzz could not be installed; its figure is left out" >&2
fi
python3 Benchmarks/match-bench.py "$bin" "$corpus" --python "$peers/bin/python"
echo
echo "## fetching: 1,000 feeds from nginx on loopback (run --once, a cycle of 200s then of 304s)"
./Benchmarks/fetch-bench.sh "$bin" 1000
