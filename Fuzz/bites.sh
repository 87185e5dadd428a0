#!/usr/bin/env bash
# Proof that the fuzz targets bite: Fuzz/bites.sh [seconds] [variant…]
#
# For every bug zoo variant (or the ones named): fuzz-zoo with STRESSCHECK_ZOO=<variant> from an
# EMPTY corpus, one process, stopping at the first crash or after <seconds> (default 60), no
# dictionary unless DICT=1. That is done $SAMPLES times (default 8) with seeds $SEED, $SEED+1, …
# (default 1): the time to the first crash is the first seed's, and the minimum is the
# shortlex-smallest of the samples' shrunk counterexamples, as the engine's own stateful check
# does (it shrinks 8 failures and keeps the smallest: one shrink can stop in a local minimum).
# The table: time and executions to the first crash, whether its shrunk counterexample equals
# ZooVariant.minimum, how many samples' do, and whether the best one does.
# Exit status 1 if a variant is not found in time or its best minimum is not the known one.
set -euo pipefail
source "$(dirname "$0")/common.sh"

seconds="${1:-60}"; shift || true
seed="${SEED:-1}"
samples="${SAMPLES:-8}"
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
    listed="$(zoo_variants)" || exit 2
    mapfile -t variants <<<"$listed"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shortlex_less() { [ ${#1} -lt ${#2} ] || { [ ${#1} -eq ${#2} ] && [[ "$1" < "$2" ]]; }; }
failed=0
printf '| %-38s | %7s | %9s | %-9s | %-9s | %-9s | %s\n' variant "1st (s)" "execs" "1st min" "equal" "best" "best shrunk counterexample"
printf '|%s|%s|%s|%s|%s|%s|%s\n' "----------------------------------------" ---------: -----------: ----------- ----------- ----------- ---------------------------
for variant in "${variants[@]}"; do
    first_time="" first_execs="" first_verdict="" best_hex="" best_verdict="" best_text="" found=0 equal=0
    for ((i = 0; i < samples; i++)); do
        dir="$work/$(target_slug "$variant")-$i"
        mkdir -p "$dir/corpus"
        dict=""
        [ "${DICT:-0}" = 1 ] && dict="$(target_dict "zoo:$variant")"
        t0=$(date +%s.%N)
        # shellcheck disable=SC2086
        run_target "zoo:$variant" "$dir/corpus" -seed="$((seed + i))" -max_total_time="$seconds" -max_len="$MAX_LEN" \
            -artifact_prefix="$dir/" $dict >"$dir/log" 2>&1 || true
        t1=$(date +%s.%N)
        compgen -G "$dir/crash-*" >/dev/null || { [ $i -eq 0 ] && first_time="> $seconds"; continue; }
        found=$((found + 1))
        hex=$(sed -n 's/^STRESSCHECK-MINIMAL-BYTES: //p' "$dir/log" | head -1)
        verdict=$(sed -n 's/^STRESSCHECK-KNOWN-MINIMUM: \([A-Za-z]*\).*/\1/p' "$dir/log")
        [ "$verdict" = equal ] && equal=$((equal + 1))
        text=$(sed -n '/^STRESSCHECK-COUNTEREXAMPLE-BEGIN/,/^STRESSCHECK-COUNTEREXAMPLE-END/p' "$dir/log" | sed '1d;$d' \
            | sed 's/^ *[0-9]*\. //' | paste -sd ';' | sed 's/;/; /g')
        if [ $i -eq 0 ]; then
            first_time=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
            first_execs=$(grep -oE '^#[0-9]+' "$dir/log" | tail -1 | tr -d '#')
            first_verdict="$verdict"
        fi
        if [ -z "$best_hex" ] || shortlex_less "$hex" "$best_hex"; then best_hex="$hex"; best_verdict="$verdict"; best_text="$text"; fi
    done
    [ "$best_verdict" = equal ] || failed=1
    [ "$found" -gt 0 ] || { failed=1; best_text="NOT FOUND"; }
    printf '| %-38s | %7s | %9s | %-9s | %-9s | %-9s | %s\n' "$variant" "${first_time:-?}" "${first_execs:--}" "${first_verdict:--}" \
        "$equal/$samples" "${best_verdict:--}" "$best_text"
done
exit "$failed"
