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
if [ ! -f "$corpus/manifest.json" ] || [ ! -f "$corpus/pages/index.jsonl" ]; then
  rm -rf "$corpus"
  python3 "$shared/gen_corpus.py" --out "$corpus" --statements 1000,100000 --html-pages 300 >/dev/null
fi
# The peers of ../shared/bench (from PyPI) in a virtualenv of their own, when they are not there yet.
peers=.build/peers
if ! "$peers/bin/python" -c "import rapidfuzz, fastfeedparser, trafilatura" 2>/dev/null; then
  python3 -m venv "$peers" && "$peers/bin/pip" install -q --upgrade pip \
    && "$peers/bin/pip" install -q --only-binary=:all: rapidfuzz==3.14.6 fastfeedparser==0.6.5 trafilatura==2.3.1 lxml_html_clean==0.4.6 \
    || echo "bench: the peers could not be installed; their figures are left out" >&2
fi
echo "## quotewatch stages (in-process, release build)"
.build/release/quotewatch-bench "$corpus"
echo
echo "## throughput: whole processes beside their peers and the libxml2 floors, and matching at scale beside rapidfuzz (issue 15's table)"
bin=${1:-.build/release/quotewatch}
python3 Benchmarks/throughput-bench.py "$bin" "$corpus" --python "$peers/bin/python"
echo
echo "## extraction: quote F1 and attribution on real news (polnear train), LitBank and the wire fixtures; extract speed"
# QW_BASELINE=OTHER_QUOTEWATCH times an older build in the same run, for a before/after ratio.
python3 Benchmarks/extraction-bench.py "$bin" ${QW_BASELINE:+--baseline "$QW_BASELINE"}
echo
echo "## fetching: 1,000 feeds from nginx on loopback (run --once, a cycle of 200s then of 304s)"
./Benchmarks/fetch-bench.sh "$bin" 1000
echo
echo "## scale: 3,000 feeds from nginx, three instances on one PostgreSQL server beside one on SQLite"
./Benchmarks/scale-bench.sh "$bin" 3000 3
