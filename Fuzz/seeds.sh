#!/usr/bin/env bash
# Regenerates the seed corpus and the dictionaries with the corpus-seeds tool:
#   corpus/<machine>/zoo-<variant>      each bug zoo variant's minimal counterexample, as bytes
#                                       (found by the variant's check; checked to equal
#                                       ZooVariant.minimum and to PASS on production)
#   corpus/<machine>/generated-*        long generated cases (up to 100 commands), passing
#   corpus/engine-decoding/generated-*  generated cases of the decoding target
#   Fuzz/dictionaries/<machine>.dict    the command-kind tokens of each machine's layout
# Run it after a generator or the byte layout changes (see docs/fuzzing.md); exit 1 if a
# variant no longer shrinks to its known minimum or a seed fails on production.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$FUZZ_DIR"
[ -x "$(bin_dir fuzzer)/corpus-seeds" ] || "$FUZZ_DIR/build.sh" --product corpus-seeds
"$(bin_dir fuzzer)/corpus-seeds" "$CORPUS_DIR" "$DICT_DIR"
