#!/bin/bash -eu
# ClusterFuzzLite build script: the same build as OSS-Fuzz's (Fuzz/oss-fuzz/build.sh): every
# target of Fuzz/common.sh with libFuzzer and the sanitizer asked for, its dictionary, seed
# corpus and options copied to $OUT.
exec "$SRC/stresscheck/Fuzz/oss-fuzz/build.sh"
