#!/usr/bin/env bash
# Distils fuzzer finds into the repository's corpus: Fuzz/merge.sh <target|all> [input dir…]
#
#   libFuzzer -merge=1 corpus/<target>/ <inputs>  adds to corpus/<target>/ only the inputs that
#   reach new coverage (crashing inputs are left out). Inputs default to the campaign's work
#   corpus, Fuzz/artifacts/<target>/corpus/ (written by Fuzz/run.sh).
# Every corpus file is replayed by `swift test` (ProductionAgreesTests) through the same check,
# so run it after merging; `swift run -c release stresscheck replay <machine> <file>` replays one.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# The leading comment block, without its '# ' (the help), and only it.
usage() { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; }
if [ $# -ge 1 ] && { [ "$1" = -h ] || [ "$1" = --help ]; }; then usage; exit 0; fi
if [ $# -lt 1 ]; then usage >&2; exit 2; fi
what="$1"; shift
for target in $(expand_targets "$what"); do
    case "$target" in zoo:*) echo "skipping $target: zoo finds fail by design; they do not go into corpus/"; continue ;; esac
    inputs=("$@")
    [ ${#inputs[@]} -gt 0 ] || inputs=("$ARTIFACTS_DIR/$(target_slug "$target")/corpus")
    existing=()
    for input in "${inputs[@]}"; do [ -d "$input" ] && existing+=("$input"); done
    if [ ${#existing[@]} -eq 0 ]; then echo "== $target: nothing to merge (${inputs[*]} missing)"; continue; fi
    mkdir -p "$CORPUS_DIR/$target"
    before=$(find "$CORPUS_DIR/$target" -type f | wc -l)
    log="$(mktemp)"
    run_target "$target" -merge=1 -max_len="$MAX_LEN" "$CORPUS_DIR/$target" "${existing[@]}" >"$log" 2>&1 || { cat "$log"; exit 1; }
    after=$(find "$CORPUS_DIR/$target" -type f | wc -l)
    echo "== $target: corpus/$target/ $before → $after file(s)"
    grep -E '^MERGE-OUTER: [0-9]+ new files' "$log" | sed 's/^/   /' || true
    rm -f "$log"
done
