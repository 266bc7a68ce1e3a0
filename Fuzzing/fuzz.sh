#!/bin/sh
# Runs the libFuzzer targets built by `make fuzz-build` (README "Fuzzing"), one after the other.
#
#   Fuzzing/fuzz.sh [TARGET ...]      default: all four
#
# Environment: FUZZ_SECONDS (per target, default 300), FUZZ_BUILD (default .build-fuzz),
# SHARED (the shared corpus checkout, default ../shared), FUZZ_NICE (default 19).
#
# Per target, under $FUZZ_BUILD:
#   seeds/T/      the seed corpus, rebuilt each run from the fixtures and ../shared/corpus
#   corpus/T/     the corpus libFuzzer grows; kept across runs
#   crashes/T/    crash-*, timeout-*, oom-*, leak-* inputs (not artifacts/: SwiftPM keeps its
#                 binary artifacts there, and a build deletes the folders it does not know)
#   logs/T.log    libFuzzer's output
# Prints one summary line per target; exits 1 when any target left a new artifact.
set -u
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-300}
FUZZ_BUILD=${FUZZ_BUILD:-.build-fuzz}
FUZZ_NICE=${FUZZ_NICE:-19}
SHARED=${SHARED:-../shared}
BIN=$FUZZ_BUILD/release
# The Swift runtime's backtracer and ASan both handle fatal signals; libFuzzer's report is the one wanted.
export SWIFT_BACKTRACE=enable=no
CORPUS=$SHARED/corpus
GENERATED=$FUZZ_BUILD/generated

# Feeds and pages from the benchmark generator (deterministic), when python3 and it are here.
generate() {
    [ -d "$GENERATED/pages" ] && return 0
    command -v python3 >/dev/null 2>&1 && [ -f "$SHARED/bench/gen_corpus.py" ] || return 0
    python3 "$SHARED/bench/gen_corpus.py" --out "$GENERATED" --feeds 3 --html-pages 20 --statements "" >/dev/null 2>&1
}

# The seed files of a target, one path per line (missing folders are skipped).
seed_files() {
    case $1 in
    FuzzFeedParser)
        find Tests/FeedParsingTests/Fixtures Examples/feeds "$CORPUS/feedparser" "$CORPUS/realworld" "$GENERATED/feeds" \
            -type f \( -name '*.xml' -o -path '*/realworld/*/news/*' \) 2>/dev/null ;;
    FuzzHTMLText)
        find Tests/FeedParsingTests/Fixtures "$GENERATED/pages" -type f -name '*.html' 2>/dev/null
        # Feeds whose items carry hostile HTML (feedparser's sanitizer tests), read as HTML.
        find "$CORPUS/feedparser/wellformed/sanitize" -type f -name '*.xml' 2>/dev/null ;;
    FuzzQuoteExtractor)
        find Tests/FeedParsingTests/Fixtures "$GENERATED/pages" -type f -name '*.html' 2>/dev/null
        find Tests/QuoteCoreTests/Fixtures/fuzz "$SHARED/examples" "$CORPUS/quotes" -type f -name '*.txt' 2>/dev/null ;;
    FuzzConfigLoader)
        ls feeds.json systemd/feeds.example.json Fuzzing/config-seeds/*.json Tests/QuoteCoreTests/Fixtures/fuzz/*.json 2>/dev/null
        find "$CORPUS" -type f -name '*.json' 2>/dev/null ;;
    esac
}

# libFuzzer options of a target: the longest input and the dictionary.
options() {
    case $1 in
    FuzzFeedParser) echo "-max_len=65536 -dict=Fuzzing/feed.dict" ;;
    FuzzHTMLText) echo "-max_len=65536 -dict=Fuzzing/html.dict" ;;
    FuzzQuoteExtractor) echo "-max_len=4096 -dict=Fuzzing/quotes.dict" ;;
    FuzzConfigLoader) echo "-max_len=8192 -dict=Fuzzing/config.dict" ;;
    esac
}

# Copies the seeds into seeds/T, named by content (no clashes, no duplicates).
assemble() {
    seeds=$FUZZ_BUILD/seeds/$1
    rm -rf "$seeds"
    mkdir -p "$seeds"
    seed_files "$1" | tr '\n' '\0' | xargs -0 -r sha1sum | while read -r sum file; do
        cp "$file" "$seeds/$sum"
    done
}

# The last value of "KEY: N" in libFuzzer's status lines.
last_stat() {
    grep -E '^#[0-9]+' "$2" | grep -o "$1: [0-9]*" | tail -n 1 | awk '{print $2}'
}

status=0
[ $# -gt 0 ] || set -- FuzzFeedParser FuzzHTMLText FuzzQuoteExtractor FuzzConfigLoader
generate
for target in "$@"; do
    if [ ! -x "$BIN/$target" ]; then
        echo "$target: not built; run 'make fuzz-build' first" >&2
        status=1
        continue
    fi
    assemble "$target"
    artifacts=$FUZZ_BUILD/crashes/$target
    mkdir -p "$FUZZ_BUILD/corpus/$target" "$artifacts" "$FUZZ_BUILD/logs"
    log=$FUZZ_BUILD/logs/$target.log
    before=$(ls "$artifacts" | wc -l)
    started=$(date +%s)
    # shellcheck disable=SC2046 # options() is a list of words
    nice -n "$FUZZ_NICE" "$BIN/$target" $(options "$target") -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$FUZZ_BUILD/corpus/$target" "$FUZZ_BUILD/seeds/$target" > "$log" 2>&1
    code=$?
    seconds=$(($(date +%s) - started))
    after=$(ls "$artifacts" | wc -l)
    found=$((after - before))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{print $2}')
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | awk '{print $2}')
    [ -n "$execs" ] || execs=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/^#\([0-9]*\).*/\1/')
    [ -n "$rate" ] || rate=$(last_stat exec/s "$log")
    corpus=$(ls "$FUZZ_BUILD/corpus/$target" | wc -l)
    echo "$target: ${seconds}s, ${execs:-0} execs (${rate:-0}/s), cov $(last_stat cov "$log") ft $(last_stat ft "$log"), corpus $corpus, exit $code, new artifacts $found (in $artifacts/, log $log)"
    if [ "$found" -gt 0 ] || [ "$code" -ne 0 ]; then status=1; fi
done
exit $status
