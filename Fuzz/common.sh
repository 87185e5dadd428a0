# Shared by Fuzz/*.sh (sourced, not run). Plain bash.
# Paths, the target list, and how each target is run.

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$FUZZ_DIR/.." && pwd)"
CORPUS_DIR="$ROOT_DIR/corpus"
ARTIFACTS_DIR="$FUZZ_DIR/artifacts"
DICT_DIR="$FUZZ_DIR/dictionaries"

# The fuzz targets that fuzz production (one per machine), the engine's decoding, the state
# files' decoding, MarketSim's CSV loader, whole crash scenarios, the stress shard files' reader
# the transaction journal's reader and the latency tables' reader.
MACHINES=(position sector-caps super-state trading-mode risk-stack exchange market-making arbitrage spot-futures-hedge calendar-spread)
TARGETS=("${MACHINES[@]}" engine-decoding state-file csv market stress shard-file journal latency-table)

# Longest input libFuzzer makes: room for 100-command sequences of every machine
# (super-state, the widest, needs about 1.4 KB for 100 commands).
MAX_LEN="${MAX_LEN:-4096}"

# Set STRESSCHECK_BUILD_LOCK to a file to serialize swift builds with other jobs (flock).
swift_cmd() {
    if [ -n "${STRESSCHECK_BUILD_LOCK:-}" ]; then
        flock "$STRESSCHECK_BUILD_LOCK" swift "$@"
    else
        swift "$@"
    fi
}

# The lean builds (build.sh's default flavour): these executables are built with only production
# code instrumented — each family's own modules (LEAN_FAMILIES below), and for the zoo all of
# LEAN_MODULES: the machines, the venue, the strategies, their vocabularies and the zoo's broken
# variants of them, whose branches guide the fuzzer — and not the engine, the checks' loop, the models (the oracle:
# their invariant scans and observation comparisons run the same way for every input) or the
# simulation. Their executions cost a third to two thirds of the instructions, and they find
# the zoo's variants in as many executions (docs/fuzzing.md, "Lean targets"). The other
# targets fuzz the engine's, the simulation's or the certification's own code, so they are
# built with every module instrumented, in .build/full/.
LEAN_TARGETS=(position sector-caps super-state trading-mode risk-stack exchange market-making arbitrage spot-futures-hedge calendar-spread zoo)
LEAN_MODULES="TradingVocabulary,TradingMachines,ExchangeVocabulary,ExchangeSim,StrategyVocabulary,Strategies,BugZoo"
# What the lean build instruments those modules for: edge counters (what libFuzzer keeps inputs
# for), without `-sanitize=fuzzer`'s comparison tracing (`trace-cmp`). Each comparison then costs
# no callback: a quarter to two fifths of a machine target's instructions, while the zoo's
# variants are found in as many executions (docs/fuzzing.md, "Comparison tracing").
LEAN_COVERAGE="edge,inline-8bit-counters,pc-table"
# The lean build is one build per family of targets ("name|modules|targets"), each in a scratch
# directory of its own (.build/lean-<name>) with only the modules whose code those targets check
# instrumented. A target's executable links every module of the checks, and libFuzzer clears and
# scans all of its edge counters at every execution: a quarter as many counters cost a target
# 9–14% fewer instructions a command (docs/fuzzing.md, "One build per family"). The zoo holds
# every family's broken variants, so it (with the corpus-seeds tool) is built in .build with all
# of LEAN_MODULES.
LEAN_FAMILIES=(
    "machines|TradingVocabulary,TradingMachines|position sector-caps super-state trading-mode risk-stack"
    "exchange|ExchangeVocabulary,ExchangeSim|exchange"
    "strategies|StrategyVocabulary,Strategies|market-making arbitrage spot-futures-hedge calendar-spread"
)
FULL_TARGETS=(engine-decoding state-file csv market stress shard-file journal latency-table)
# The family of a lean target (a name or an executable): its name, or nothing for the zoo and
# corpus-seeds (built with all of LEAN_MODULES).
target_family() {
    local entry name modules targets t
    for entry in "${LEAN_FAMILIES[@]}"; do
        IFS='|' read -r name modules targets <<<"$entry"
        for t in $targets; do [ "fuzz-$t" = "$1" ] || [ "$t" = "$1" ] && { echo "$name"; return 0; }; done
    done
    return 0
}
# Whether a target (a name or an executable) is built by the lean build; the corpus-seeds tool is too.
is_lean_target() {
    local t
    [ "$1" = corpus-seeds ] && return 0
    for t in "${LEAN_TARGETS[@]}"; do [ "fuzz-$t" = "$1" ] || [ "$t" = "$1" ] && return 0; done
    return 1
}

# The release binaries of a build flavour (see build.sh): fuzzer | sanitize-flag | asan | coverage.
# With a target (a name or an executable), the directory of that target's binary: under the
# default flavour a family's targets are in .build/lean-<family>/release, the full build's in
# .build/full/release, and the zoo and corpus-seeds in .build/release.
bin_dir() {
    local family
    case "${1:-fuzzer}" in
        fuzzer)
            family="$(target_family "${2:-}")"
            if [ -n "${2:-}" ] && ! is_lean_target "$2"; then
                echo "$FUZZ_DIR/.build/full/release"
            elif [ -n "$family" ]; then
                echo "$FUZZ_DIR/.build/lean-$family/release"
            else
                echo "$FUZZ_DIR/.build/release"
            fi ;;
        *) echo "$FUZZ_DIR/.build/$1/release" ;;
    esac
}

# A target name → the executable, the zoo variant (for zoo:<variant>), the corpus and dictionary.
#   position … risk-stack, engine-decoding, state-file, csv, zoo:<machine>/<variant>
target_binary() { case "$1" in zoo:*) echo "fuzz-zoo" ;; *) echo "fuzz-$1" ;; esac; }
target_zoo() { case "$1" in zoo:*) echo "${1#zoo:}" ;; *) echo "" ;; esac; }
target_machine() { case "$1" in zoo:*) local v="${1#zoo:}"; echo "${v%%/*}" ;; *) echo "$1" ;; esac; }
target_slug() { echo "$1" | tr ':/' '--'; }
target_dict() {
    local machine
    machine="$(target_machine "$1")"
    if [ -f "$DICT_DIR/$machine.dict" ]; then echo "-dict=$DICT_DIR/$machine.dict"; fi
}
# Seed corpus: corpus/<machine>/ (a zoo variant starts from nothing: the proof that it bites).
target_seed_corpus() { case "$1" in zoo:*) echo "" ;; *) echo "$CORPUS_DIR/$1" ;; esac; }

# libFuzzer flags a target needs before the caller's (which may override them). A scenario
# target reads a whole market from its input, and a short input is a calm market (the rest of
# its choices are zero): libFuzzer's length control, which starts inputs at a few bytes and
# grows them slowly, kept stress/halt-not-propagated out of reach for 90 s (inputs of at most
# 17 bytes); without it the variant is found in seconds.
target_flags() {
    case "$1" in
        stress | market | zoo:stress/*) echo "-len_control=0" ;;
        *) echo "" ;;
    esac
}

# Runs a fuzz binary for target $1 with the remaining arguments (sets STRESSCHECK_ZOO for zoo).
run_target() {
    local target="$1" flavour="${FLAVOUR:-fuzzer}"
    shift
    local binary
    binary="$(bin_dir "$flavour" "$(target_binary "$target")")/$(target_binary "$target")"
    if [ ! -x "$binary" ]; then
        echo "error: $binary is missing; run Fuzz/build.sh first" >&2
        return 2
    fi
    local flags
    flags="$(target_flags "$target")"
    # shellcheck disable=SC2086
    STRESSCHECK_ZOO="$(target_zoo "$target")" "$binary" $flags "$@"
}

# Every bug zoo variant, by name: fuzz-zoo lists them when STRESSCHECK_ZOO is unset (exit 2).
# Fails, saying why, when the binary is missing or lists none.
zoo_variants() {
    local zoo names
    zoo="$(bin_dir "${FLAVOUR:-fuzzer}" fuzz-zoo)/fuzz-zoo"
    [ -x "$zoo" ] || { echo "error: $zoo is missing; run Fuzz/build.sh first" >&2; return 2; }
    names="$(env -u STRESSCHECK_ZOO "$zoo" 2>&1 >/dev/null | sed -n 's/^  \([a-z0-9-]*\/[^ ]*\)  .*/\1/p')" || true
    [ -n "$names" ] || { echo "error: $zoo listed no bug zoo variant" >&2; return 2; }
    echo "$names"
}

# Expands "all" / "zoo" / a name into target names.
expand_targets() {
    case "$1" in
        all) printf '%s\n' "${TARGETS[@]}" ;;
        zoo) zoo_variants | sed 's/^/zoo:/' ;;
        *) echo "$1" ;;
    esac
}

# "stat::number_of_executed_units: N" from a libFuzzer log (0 when absent).
executed_units() { sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$1" | tail -1 | grep . || echo 0; }
