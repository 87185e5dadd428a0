#!/usr/bin/env bash
# The CI smoke run of the fuzz targets (called by .ci/run when executable).
#
# 1. Fuzz/build.sh: the machines' targets lean (only the production code instrumented),
#    the others with -Xswiftc -sanitize=fuzzer (common.sh, LEAN_TARGETS).
# 2. Each target of TARGETS (common.sh: the machines, engine-decoding, state-file, csv, market, stress, shard-file, journal, latency-table): -runs=$RUNS (default 20000) executions with a fixed
#    -seed over a temporary copy of corpus/<target>/ (CI writes nothing into the repository).
#    Fails on any crash, and unless libFuzzer reports stat::number_of_executed_units ≥ RUNS:
#    a binary that exits 0 having fuzzed nothing fails the smoke run.
# 3. It bites: fuzz-zoo, with STRESSCHECK_ZOO=position/drain-at-excess-0 and no other
#    environment, must write a crash file for corpus/position/zoo-drain-at-excess-0 and print
#    the shrunk counterexample `.setCap(0)`.
# Environment: RUNS, SEED, STRESSCHECK_BUILD_LOCK (a flock file around the build).
set -euo pipefail
source "$(dirname "$0")/common.sh"

runs="${RUNS:-20000}"
seed="${SEED:-1}"
started=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$FUZZ_DIR/build.sh"
built=$(date +%s)
echo "== build: $((built - started)) s"

failed=0
printf '%-16s %10s %8s %10s %6s\n' target executions seconds "exec/s" new
for target in "${TARGETS[@]}"; do
    mkdir -p "$work/$target/corpus" "$work/$target/artifacts"
    [ -d "$CORPUS_DIR/$target" ] && cp -R "$CORPUS_DIR/$target/." "$work/$target/corpus/"
    log="$work/$target/log"
    t0=$(date +%s.%N)
    # The status is taken inside the `||`: after `if ! …`, `$?` is the negation's (always 0).
    status=0
    # shellcheck disable=SC2046
    run_target "$target" "$work/$target/corpus" -runs="$runs" -seed="$seed" -max_len="$MAX_LEN" \
        -artifact_prefix="$work/$target/artifacts/" $(target_dict "$target") -print_final_stats=1 >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        echo "✗ $target: the fuzz target failed (exit status $status); its log:"; tail -80 "$log"; failed=1; continue
    fi
    t1=$(date +%s.%N)
    if compgen -G "$work/$target/artifacts/*" >/dev/null; then
        echo "✗ $target: crash files written:"; ls "$work/$target/artifacts/"; tail -80 "$log"; failed=1; continue
    fi
    executed="$(executed_units "$log")"
    if [ "$executed" -lt "$runs" ]; then
        echo "✗ $target: only $executed executions (wanted $runs): the binary did not fuzz"; tail -40 "$log"; failed=1; continue
    fi
    added="$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)"
    awk -v t="$target" -v n="$executed" -v t0="$t0" -v t1="$t1" -v a="$added" \
        'BEGIN { s = t1 - t0; printf "%-16s %10d %8.1f %10.0f %6s\n", t, n, s, n / s, a }'
done

# It bites, and crash files are written with no environment variable but the variant's name.
bite="$work/bite"
mkdir -p "$bite/corpus"
cp "$CORPUS_DIR/position/zoo-drain-at-excess-0" "$bite/corpus/"
env -i PATH="$PATH" STRESSCHECK_ZOO=position/drain-at-excess-0 "$(bin_dir fuzzer)/fuzz-zoo" \
    -runs=100 -seed="$seed" -artifact_prefix="$bite/" "$bite/corpus" >"$bite/log" 2>&1 || true
if compgen -G "$bite/crash-*" >/dev/null \
    && [ "$(sed -n '/^STRESSCHECK-COUNTEREXAMPLE-BEGIN/,/^STRESSCHECK-COUNTEREXAMPLE-END/p' "$bite/log" | sed '1d;$d')" = "1. .setCap(0)" ]; then
    echo "✓ fuzz-zoo position/drain-at-excess-0: crash file written, shrunk to .setCap(0)"
else
    echo "✗ fuzz-zoo position/drain-at-excess-0: no crash file or not shrunk to .setCap(0):"; tail -60 "$bite/log"; failed=1
fi

echo "== fuzz smoke: $(( $(date +%s) - started )) s in all"
[ "$failed" = 0 ] && echo "✓ fuzz smoke passed" || { echo "✗ fuzz smoke failed"; exit 1; }
