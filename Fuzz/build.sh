#!/usr/bin/env bash
# Builds the fuzz targets (release) in Fuzz/, a SwiftPM package of its own so that the fuzzer
# flags never touch the main build.
#
#   Fuzz/build.sh                   swift build -c release -Xswiftc -sanitize=fuzzer   → Fuzz/.build/release/
#   Fuzz/build.sh --sanitize-flag   swift build -c release --sanitize=fuzzer           → Fuzz/.build/sanitize-flag/release/
#   Fuzz/build.sh --asan            ... -Xswiftc -sanitize=fuzzer,address              → Fuzz/.build/asan/release/
#   Fuzz/build.sh --coverage        ... -sanitize=fuzzer -profile-generate -profile-coverage-mapping → Fuzz/.build/coverage/release/
#   Fuzz/build.sh --product fuzz-position    only one executable
#   Fuzz/build.sh --clean           delete the flavour's build first (see below)
#
# SwiftPM's incremental build of this package does not always notice changes in the root
# package it depends on by path (seen: a new source file; a stored property added to a model,
# whose dependents were not recompiled, so a target diverged where `stresscheck replay` passed).
# When a target disagrees with `stresscheck replay` on the same bytes, rebuild with --clean.
#
# Every flavour gives binaries that really start libFuzzer (see docs/fuzzing.md, "Building"). STRESSCHECK_BUILD_LOCK=<file> serializes builds with flock.
set -euo pipefail
source "$(dirname "$0")/common.sh"

flavour=fuzzer
extra=()
clean=0
while [ $# -gt 0 ]; do
    case "$1" in
        --sanitize-flag) flavour=sanitize-flag ;;
        --asan) flavour=asan ;;
        --coverage) flavour=coverage ;;
        --product) extra+=(--product "$2"); shift ;;
        --clean) clean=1 ;;
        -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

cd "$FUZZ_DIR"
case "$flavour" in
    fuzzer) flags=(-Xswiftc -sanitize=fuzzer) ;;
    sanitize-flag) flags=(--scratch-path .build/sanitize-flag --sanitize=fuzzer) ;;
    asan) flags=(--scratch-path .build/asan -Xswiftc -sanitize=fuzzer,address) ;;
    coverage) flags=(--scratch-path .build/coverage -Xswiftc -sanitize=fuzzer -Xswiftc -profile-generate -Xswiftc -profile-coverage-mapping) ;;
esac
# Production machines check their invariants after every input in the fuzz builds (Package.swift).
flags+=(-Xswiftc -DSTRESSCHECK_INVARIANT_CHECKS)
if [ "$clean" = 1 ]; then
    scratch=".build"
    [ "$flavour" != fuzzer ] && scratch=".build/$flavour"
    echo "== clean: $scratch/*/release"
    rm -rf "$scratch"/*-linux-gnu/release "$scratch"/*-apple-macosx/release "$scratch/release" "$scratch/build.db"
fi
echo "== swift build -c release ${flags[*]} ${extra[*]:-}"
swift_cmd build -c release "${flags[@]}" "${extra[@]}"
echo "== binaries: $(bin_dir "$flavour")/fuzz-*"
