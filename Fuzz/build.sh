#!/usr/bin/env bash
# Builds the fuzz targets (release) in Fuzz/, a SwiftPM package of its own so that the fuzzer
# flags never touch the main build.
#
#   Fuzz/build.sh                   swift build -c release -Xswiftc -sanitize=fuzzer   → Fuzz/.build/release/
#   Fuzz/build.sh --sanitize-flag   swift build -c release --sanitize=fuzzer           → Fuzz/.build/sanitize-flag/release/
#   Fuzz/build.sh --asan            ... -Xswiftc -sanitize=fuzzer,address              → Fuzz/.build/asan/release/
#   Fuzz/build.sh --coverage        ... -sanitize=fuzzer -profile-generate -profile-coverage-mapping → Fuzz/.build/coverage/release/
#   Fuzz/build.sh --product fuzz-position    only one executable
#
# Every flavour gives binaries that really start libFuzzer (see docs/fuzzing.md, "Building"). STRESSCHECK_BUILD_LOCK=<file> serializes builds with flock.
set -euo pipefail
source "$(dirname "$0")/common.sh"

flavour=fuzzer
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --sanitize-flag) flavour=sanitize-flag ;;
        --asan) flavour=asan ;;
        --coverage) flavour=coverage ;;
        --product) extra+=(--product "$2"); shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
echo "== swift build -c release ${flags[*]} ${extra[*]:-}"
swift_cmd build -c release "${flags[@]}" "${extra[@]}"
echo "== binaries: $(bin_dir "$flavour")/fuzz-*"
