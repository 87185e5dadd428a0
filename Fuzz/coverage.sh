#!/usr/bin/env bash
# Coverage of the library code reached by the corpus: Fuzz/coverage.sh [target|all]
#
# Builds the fuzz targets with -profile-generate -profile-coverage-mapping (Fuzz/build.sh
# --coverage, into Fuzz/.build/coverage/), replays corpus/<target>/ once (-runs=0) with
# LLVM_PROFILE_FILE set, merges the profiles with the toolchain's own llvm-profdata (the one next
# to swiftc: the distribution's rejects these profiles) and reports with its llvm-cov:
# a per-file table of Sources/ on stdout, and HTML in Fuzz/artifacts/coverage/html/.
set -euo pipefail
source "$(dirname "$0")/common.sh"

what="${1:-all}"
toolchain="$(dirname "$(readlink -f "$(command -v swiftc)")")"
profdata="$toolchain/llvm-profdata"
cov="$toolchain/llvm-cov"
[ -x "$profdata" ] && [ -x "$cov" ] || { echo "error: no llvm-profdata/llvm-cov next to swiftc ($toolchain)" >&2; exit 2; }

[ "${SKIP_BUILD:-0}" = 1 ] || "$FUZZ_DIR/build.sh" --coverage
bins="$(bin_dir coverage)"
out="$ARTIFACTS_DIR/coverage"
rm -rf "$out"; mkdir -p "$out/profiles"
objects=()
for target in $(expand_targets "$what"); do
    case "$target" in zoo:*) continue ;; esac
    [ -d "$CORPUS_DIR/$target" ] || { echo "== $target: no corpus/$target/"; continue; }
    echo "== $target: replaying corpus/$target/ ($(find "$CORPUS_DIR/$target" -type f | wc -l) files)"
    LLVM_PROFILE_FILE="$out/profiles/$target-%p.profraw" FLAVOUR=coverage \
        run_target "$target" -runs=0 -max_len="$MAX_LEN" "$CORPUS_DIR/$target" >"$out/$target.log" 2>&1 \
        || { cat "$out/$target.log"; exit 1; }
    objects+=("$bins/fuzz-$target")
done
[ ${#objects[@]} -gt 0 ] || { echo "nothing replayed" >&2; exit 2; }
"$profdata" merge -sparse "$out"/profiles/*.profraw -o "$out/corpus.profdata"
object_args=("${objects[0]}")
for object in "${objects[@]:1}"; do object_args+=(-object "$object"); done
ignore='(/Fuzz/|/\.build/|/Tests/|/Benchmarks/)'
"$cov" report "${object_args[@]}" -instr-profile="$out/corpus.profdata" -ignore-filename-regex="$ignore" \
    | sed "s|$ROOT_DIR/||" | tee "$out/report.txt"
"$cov" show "${object_args[@]}" -instr-profile="$out/corpus.profdata" -ignore-filename-regex="$ignore" \
    -format=html -output-dir="$out/html" >/dev/null
echo "HTML: ${out#$ROOT_DIR/}/html/index.html"
