#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for StressCheck: builds the fuzz targets of Fuzz/ with
# libFuzzer and the sanitizer OSS-Fuzz asks for, and copies to $OUT each binary, its dictionary
# (<target>.dict) and its seed corpus (<target>_seed_corpus.zip, from corpus/<target>/).
#
# The targets start libFuzzer themselves (EntryPoint.swift calls LLVMFuzzerRunDriver) and reset the
# Swift crash handler's signals in LLVMFuzzerInitialize, so they need no -parse-as-library and no
# environment variable; the standard library is linked statically, as OSS-Fuzz expects.
cd "$SRC/stresscheck/Fuzz"
sanitizer="${SANITIZER:-address}"
swift build -c release \
    -Xswiftc -sanitize=fuzzer,"$sanitizer" -Xswiftc -g -Xswiftc -DSTRESSCHECK_INVARIANT_CHECKS \
    --static-swift-stdlib

# The targets: TARGETS of Fuzz/common.sh (every machine, the exchange, the decoders, the market).
source "$SRC/stresscheck/Fuzz/common.sh"
for target in "${TARGETS[@]}"; do
    cp ".build/release/fuzz-$target" "$OUT/fuzz-$target"
    if [ -f "dictionaries/$target.dict" ]; then cp "dictionaries/$target.dict" "$OUT/fuzz-$target.dict"; fi
    if [ -d "../corpus/$target" ]; then
        (cd "../corpus/$target" && zip -q -r "$OUT/fuzz-${target}_seed_corpus.zip" .)
    fi
    # Room for 100-command sequences.
    printf '[libfuzzer]\nmax_len = 4096\n' > "$OUT/fuzz-$target.options"
done
