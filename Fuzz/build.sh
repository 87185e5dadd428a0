#!/usr/bin/env bash
# Builds the fuzz targets (release) in Fuzz/, a SwiftPM package of its own so that the fuzzer
# flags never touch the main build.
#
#   Fuzz/build.sh                   the lean builds (common.sh, LEAN_FAMILIES): each family of the machines'
#                                   targets with only its production code instrumented, for edges and
#                                   not comparisons (LEAN_COVERAGE) → Fuzz/.build/lean-<family>/release/,
#                                   the zoo with all of it → Fuzz/.build/release/; then the others with
#                                   swift build -c release -Xswiftc -sanitize=fuzzer → Fuzz/.build/full/release/
#                                   (Fuzz/run.sh and the other scripts find each binary: bin_dir in common.sh)
#   Fuzz/build.sh --sanitize-flag   swift build -c release --sanitize=fuzzer           → Fuzz/.build/sanitize-flag/release/
#   Fuzz/build.sh --asan            ... -Xswiftc -sanitize=fuzzer,address              → Fuzz/.build/asan/release/
#   Fuzz/build.sh --coverage        ... -sanitize=fuzzer -profile-generate -profile-coverage-mapping → Fuzz/.build/coverage/release/
#   Fuzz/build.sh --product fuzz-position    only one executable
#   Fuzz/build.sh --clean           delete the flavour's build first (see below)
#
# SwiftPM's incremental build of this package does not always notice changes in the root
# package it depends on by path (seen: a new source file; a stored property added to a model,
# whose dependents were not recompiled, so a target diverged where `stresscheck replay` passed).
# A flavour whose root source files were added or removed since its last build is cleaned by
# itself (the list is kept in Fuzz/.build/root-sources-<flavour>.list, with the lean builds'
# LEAN_MODULES, LEAN_FAMILIES and LEAN_COVERAGE: the Swift driver does not recompile a module
# whose -sanitize-coverage list alone changed). When a target still
# disagrees with `stresscheck replay` on the same bytes, rebuild with --clean.
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
# SwiftPM's incremental build misses source files added to or removed from the root package, and
# a changed coverage list (see above), so both are kept with each flavour's build: when they
# differ, the flavour is cleaned first, and the build says so.
sources_list=".build/root-sources-$flavour.list"
current_sources=$(
    echo "instrumented: $LEAN_MODULES; families: ${LEAN_FAMILIES[*]}; coverage: $LEAN_COVERAGE"
    cd "$ROOT_DIR" && find Sources Tests -name '*.swift' | LC_ALL=C sort
)
if [ "$clean" = 0 ] && [ -f "$sources_list" ] && [ "$current_sources" != "$(cat "$sources_list")" ]; then
    echo "== the root package's source files or the lean build's instrumentation changed since the last build of this flavour: cleaning it first"
    clean=1
fi
record_sources() { mkdir -p .build && printf '%s\n' "$current_sources" >"$sources_list"; }
case "$flavour" in
    fuzzer) flags=() ;;
    sanitize-flag) flags=(--scratch-path .build/sanitize-flag --sanitize=fuzzer) ;;
    asan) flags=(--scratch-path .build/asan -Xswiftc -sanitize=fuzzer,address) ;;
    coverage) flags=(--scratch-path .build/coverage -Xswiftc -sanitize=fuzzer -Xswiftc -profile-generate -Xswiftc -profile-coverage-mapping) ;;
esac
# Production machines check their invariants after every input in the fuzz builds (Package.swift).
flags+=(-Xswiftc -DSTRESSCHECK_INVARIANT_CHECKS)
if [ "$clean" = 1 ]; then
    scratches=(".build")
    [ "$flavour" != fuzzer ] && scratches=(".build/$flavour")
    if [ "$flavour" = fuzzer ]; then
        scratches+=(.build/full)
        for scratch in .build/lean-*; do [ -d "$scratch" ] && scratches+=("$scratch"); done
    fi
    for scratch in "${scratches[@]}"; do
        echo "== clean: $scratch/*/release"
        rm -rf "$scratch"/*-linux-gnu/release "$scratch"/*-apple-macosx/release "$scratch/release" "$scratch/build.db"
    done
fi
if [ "$flavour" != fuzzer ]; then
    echo "== swift build -c release ${flags[*]} ${extra[*]:-}"
    swift_cmd build -c release "${flags[@]}" "${extra[@]}"
    echo "== binaries: $(bin_dir "$flavour")/fuzz-*"
    record_sources
    exit 0
fi

# The default flavour (common.sh): the lean builds, one per family of LEAN_FAMILIES with only its
# modules instrumented (in .build/lean-<family>) and the zoo's with all of LEAN_MODULES (in .build,
# with corpus-seeds); then the full build of the other targets, every module instrumented
# (-Xswiftc -sanitize=fuzzer, the design's command). SwiftPM builds one product per invocation;
# after the first of a build, each only links.
full_products=()
for target in "${FULL_TARGETS[@]}"; do full_products+=("fuzz-$target"); done
wanted="${extra[1]:-}"
# --product <name>: only that one, in its build.
[ -n "$wanted" ] && { full_products=(); is_lean_target "$wanted" || full_products=("$wanted"); }
# Builds the products named after <scratch> <modules> (those of them --product wants) with only
# <modules> instrumented.
build_lean() {
    local scratch="$1" modules="$2" product products=()
    shift 2
    for product in "$@"; do [ -z "$wanted" ] || [ "$wanted" = "$product" ] && products+=("$product"); done
    [ ${#products[@]} -gt 0 ] || return 0
    echo "== lean: STRESSCHECK_FUZZ_INSTRUMENT=$modules STRESSCHECK_FUZZ_COVERAGE=$LEAN_COVERAGE swift build -c release --scratch-path $scratch ${flags[*]} (${products[*]})"
    for product in "${products[@]}"; do
        STRESSCHECK_FUZZ_INSTRUMENT="$modules" STRESSCHECK_FUZZ_COVERAGE="$LEAN_COVERAGE" \
            swift_cmd build -c release --scratch-path "$scratch" "${flags[@]}" --product "$product"
    done
    echo "== binaries: $FUZZ_DIR/$scratch/release/ (${products[*]})"
}
for entry in "${LEAN_FAMILIES[@]}"; do
    IFS='|' read -r family modules targets <<<"$entry"
    # shellcheck disable=SC2046,SC2086
    build_lean ".build/lean-$family" "$modules" $(printf 'fuzz-%s ' $targets)
done
build_lean .build "$LEAN_MODULES" fuzz-zoo corpus-seeds
if [ ${#full_products[@]} -gt 0 ]; then
    echo "== full: swift build -c release --scratch-path .build/full -Xswiftc -sanitize=fuzzer ${flags[*]} (${full_products[*]})"
    for product in "${full_products[@]}"; do
        swift_cmd build -c release --scratch-path .build/full -Xswiftc -sanitize=fuzzer "${flags[@]}" --product "$product"
    done
    echo "== binaries: $FUZZ_DIR/.build/full/release/ (${full_products[*]})"
fi
record_sources
