#!/usr/bin/env bash
# A fuzz campaign: Fuzz/run.sh <target|all|zoo> [seconds]
#
#   target   position, sector-caps, super-state, trading-mode, risk-stack, exchange, market-making,
#            arbitrage, spot-futures-hedge, calendar-spread, engine-decoding,
#            state-file, csv, or zoo:<machine>/<variant> (a bug zoo variant, e.g. zoo:position/drain-at-excess-0)
#   all      every production machine, engine-decoding, state-file and csv, one after another
#   zoo      every bug zoo variant
#   seconds  time budget per target (default 300)
#
# Each target runs with -fork=$JOBS (default 2) -ignore_crashes=1 from corpus/<target>/ (read
# only) into the work corpus Fuzz/artifacts/<target>/corpus/, crash files into
# Fuzz/artifacts/<target>/. Afterwards the crashes are deduplicated by the failure signature of
# their shrunk counterexample (one per distinct failure), each distinct one is minimized with
# the engine's shrinker (the target itself prints it) into Fuzz/artifacts/<target>/distinct/,
# and the final stats are printed. Fuzz/merge.sh distils the work corpus into corpus/<target>/.
#
# Environment: JOBS (fork workers), FLAVOUR (fuzzer|sanitize-flag|asan, see build.sh),
# MAX_LEN, FUZZ_FLAGS (extra libFuzzer flags). The binaries must be built (Fuzz/build.sh).
# Exit status: 0 no crash, 1 at least one distinct failure, 2 usage.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# The leading comment block, without its '# ' (the help), and only it.
usage() { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; }
if [ $# -ge 1 ] && { [ "$1" = -h ] || [ "$1" = --help ]; }; then usage; exit 0; fi
if [ $# -lt 1 ]; then usage >&2; exit 2; fi
seconds="${2:-300}"
jobs="${JOBS:-2}"
status=0

# Shortlex order on hex strings: shorter first, then smaller (the engine's "simpler").
shortlex_less() { [ ${#1} -lt ${#2} ] || { [ ${#1} -eq ${#2} ] && [[ "$1" < "$2" ]]; }; }

# Dedupes and minimizes the crash files of one target; prints one block per distinct failure.
# Every crash file (smallest first, at most $MAX_TRIAGE) is run once by the target, which shrinks
# it with the engine's shrinker and prints its signature and minimal bytes. Per signature the
# shortlex-smallest minimum is kept: like the engine's own check, which shrinks several failures
# of one bug and keeps the smallest, because one shrink can stop in a local minimum.
triage() {
    local target="$1" dir="$2"
    local crashes=()
    mapfile -t crashes < <(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) -printf '%s %p\n' | sort -n | cut -d' ' -f2- | head -n "${MAX_TRIAGE:-200}")
    if [ ${#crashes[@]} -eq 0 ]; then echo "   no crashes"; return 0; fi
    rm -rf "$dir/distinct"; mkdir -p "$dir/distinct"
    declare -A count=() best=() names=()
    local crash log signature key hex
    for crash in "${crashes[@]}"; do
        log="$(mktemp)"
        run_target "$target" -runs=1 "$crash" >"$log" 2>&1 || true
        signature="$(sed -n 's/^STRESSCHECK-SIGNATURE: //p' "$log" | head -1)"
        [ -n "$signature" ] || signature="(no StressCheck report: $(grep -m1 -E 'ERROR|SUMMARY' "$log" || echo unknown))"
        hex="$(sed -n 's/^STRESSCHECK-MINIMAL-BYTES: //p' "$log" | head -1)"
        key="$(printf '%s' "$signature" | sha1sum | cut -c1-12)"
        count[$key]=$(( ${count[$key]:-0} + 1 ))
        names[$key]="$signature"
        if [ -z "${best[$key]+set}" ] || { [ -n "$hex" ] && shortlex_less "$hex" "${best[$key]}"; }; then
            best[$key]="$hex"
            cp "$log" "$dir/distinct/$key.txt"
            cp "$crash" "$dir/distinct/$key.crash"
            if [ -n "$hex" ]; then printf '%s' "$hex" | xxd -r -p > "$dir/distinct/$key.minimal"; fi
        fi
        rm -f "$log"
    done
    local n=0
    for key in "${!count[@]}"; do
        n=$((n + 1))
        echo "   ✗ distinct failure $n: ${names[$key]}  (${count[$key]} crash file(s))"
        echo "     report: ${dir#$ROOT_DIR/}/distinct/$key.txt; minimal bytes: ${dir#$ROOT_DIR/}/distinct/$key.minimal"
        sed -n '/^STRESSCHECK-COUNTEREXAMPLE-BEGIN/,/^STRESSCHECK-COUNTEREXAMPLE-END/p' "$dir/distinct/$key.txt" | sed '1d;$d;s/^/       /'
        sed -n 's/^STRESSCHECK-KNOWN-MINIMUM: /     known minimum: /p' "$dir/distinct/$key.txt"
        if [ -z "$(target_zoo "$target")" ] && [ "$target" != engine-decoding ] && [ "$target" != state-file ] && [ "$target" != csv ] && [ "$target" != market ] && [ "$target" != shard-file ] && [ "$target" != journal ]; then
            echo "     into corpus/$target/: swift run -c release stresscheck minimize $target ${dir#$ROOT_DIR/}/distinct/$key.minimal"
        fi
    done
    echo "   ${#crashes[@]} crash file(s) triaged, $n distinct failure(s)"
    return 1
}

# A target list that cannot be made (fuzz-zoo missing) stops the campaign, saying why.
targets="$(expand_targets "$1")" || exit 2
for target in $targets; do
    slug="$(target_slug "$target")"
    dir="$ARTIFACTS_DIR/$slug"
    mkdir -p "$dir/corpus"
    seeds="$(target_seed_corpus "$target")"
    echo "== $target: ${seconds}s, -fork=$jobs, artifacts in ${dir#$ROOT_DIR/}/"
    # shellcheck disable=SC2046,SC2086
    run_target "$target" "$dir/corpus" ${seeds:+"$seeds"} -fork="$jobs" -ignore_crashes=1 -max_total_time="$seconds" \
        -max_len="$MAX_LEN" -artifact_prefix="$dir/" $(target_dict "$target") -print_final_stats=1 ${FUZZ_FLAGS:-} \
        >"$dir/fuzz.log" 2>&1 || true
    # Final stats: fork mode's last status line, and the stats of the parent.
    grep -E '^#[0-9]+: cov' "$dir/fuzz.log" | tail -1 | sed 's/^/   /' || true
    grep -E '^stat::|^INFO: exiting|^Done' "$dir/fuzz.log" | sed 's/^/   /' || true
    echo "   work corpus: $(find "$dir/corpus" -type f | wc -l) file(s); log: ${dir#$ROOT_DIR/}/fuzz.log"
    triage "$target" "$dir" || status=1
done
exit "$status"
