#!/usr/bin/env bash
# Coverage-guided fuzzing of sitrep-core on the stable toolchain (libFuzzer via cargo-fuzz,
# built with `-s none`: no sanitizer, so no nightly flag).
#
#   fuzz/run.sh SECONDS [TARGET...]      targets: html text jsonl warc gzip (default: all)
#
# Installs what is missing (cargo-fuzz, a C++ compiler for libFuzzer), builds the targets,
# makes the seed corpora from data/samples (fuzz/seeds.sh), runs each target for SECONDS one
# after the other, and prints per target the seconds run, executions and crashes. Exits 1 if
# any target crashed, hung (one input over FUZZ_TIMEOUT seconds) or ran out of memory; the
# inputs are left in fuzz/artifacts/TARGET/. What a run found stays in fuzz/corpus/TARGET/
# (not committed) and seeds the next run.
#
# Environment:
#   FUZZ_TIMEOUT=10      seconds one input may take before it counts as a hang
#   FUZZ_MAX_LEN=65536   longest input tried (the targets skip longer ones too)
#   FUZZ_RSS_MB=2048     memory limit of the fuzzing process
#   FUZZ_KEEP_GOING=0    1: libFuzzer's fork mode, which goes on after a crash or hang and
#                        saves every one (for long campaigns); 0: stop a target at its first
#   FUZZ_JOBS            cargo build jobs (cargo's default: all cores)
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(html text jsonl warc gzip)
seconds=${1:-}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: fuzz/run.sh SECONDS [TARGET...]   (targets: ${all_targets[*]})" >&2
    exit 2
fi
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    if [[ " ${all_targets[*]} " != *" $target "* ]]; then
        echo "fuzz/run.sh: unknown target '$target' (targets: ${all_targets[*]})" >&2
        exit 2
    fi
done
timeout_s=${FUZZ_TIMEOUT:-10}
max_len=${FUZZ_MAX_LEN:-65536}
rss_mb=${FUZZ_RSS_MB:-2048}
keep_going=${FUZZ_KEEP_GOING:-0}
cargo_fuzz_version=0.13.2

# --- tools -----------------------------------------------------------------------------
started=$(date +%s)
if ! command -v c++ > /dev/null; then
    echo "fuzz: installing a C++ compiler (libfuzzer-sys compiles libFuzzer)"
    apt-get update -qq && apt-get install -y -qq g++ > /dev/null
fi
if ! cargo fuzz --version > /dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz $cargo_fuzz_version"
    cargo install --locked cargo-fuzz --version "$cargo_fuzz_version"
fi
installed=$(date +%s)

# --- build -----------------------------------------------------------------------------
# fuzz/Cargo.lock is committed; --locked fails here (not half way through) when it is stale.
if ! cargo fetch --locked --manifest-path fuzz/Cargo.toml; then
    echo "fuzz: fuzz/Cargo.lock is out of date (a dependency of crates/core changed?):" >&2
    echo "      run 'cargo update --manifest-path fuzz/Cargo.toml --workspace' and commit it" >&2
    exit 1
fi
build_args=(-s none)
[ -n "${FUZZ_JOBS:-}" ] && build_args+=(--jobs "$FUZZ_JOBS")
(
    cd fuzz
    if [ ${#targets[@]} -eq ${#all_targets[@]} ]; then
        nice -n 19 cargo fuzz build "${build_args[@]}"
    else
        for target in "${targets[@]}"; do
            nice -n 19 cargo fuzz build "${build_args[@]}" "$target"
        done
    fi
)
built=$(date +%s)
bin_dir=fuzz/target/x86_64-unknown-linux-gnu/release

# --- seeds -----------------------------------------------------------------------------
rm -rf fuzz/seeds
fuzz/seeds.sh fuzz/seeds

# --- run -------------------------------------------------------------------------------
failed=0
summary=()
for target in "${targets[@]}"; do
    corpus=fuzz/corpus/$target
    artifacts=fuzz/artifacts/$target
    log=fuzz/artifacts/$target.log
    mkdir -p "$corpus" "$artifacts"
    before=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
        -o -name 'leak-*' \) | wc -l)
    args=("$corpus" "fuzz/seeds/$target"
        -max_total_time="$seconds" -timeout="$timeout_s" -max_len="$max_len"
        -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb" -print_final_stats=1
        -artifact_prefix="$artifacts/")
    [ -f "fuzz/dicts/$target.dict" ] && args+=(-dict="fuzz/dicts/$target.dict")
    [ "$keep_going" = 1 ] && args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    echo "fuzz: $target for ${seconds}s (log: $log)"
    touch "fuzz/corpus/.started-$target"
    t0=$(date +%s)
    status=0
    nice -n 19 "$bin_dir/$target" "${args[@]}" > "$log" 2>&1 || status=$?
    ran=$(($(date +%s) - t0))
    # Executions: the final stats line, or in fork mode the last status line's "#N".
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
    after=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
        -o -name 'leak-*' \) | wc -l)
    found=$((after - before))
    if [ "$found" -eq 0 ] && [ "$status" -ne 0 ]; then
        found=1 # a failure that wrote no input (it still counts)
    fi
    line=$(printf '%-6s %5ss %10s executions %3s crashes/hangs' "$target" "$ran" "${execs:-?}" "$found")
    summary+=("$line")
    echo "fuzz: $line (exit $status)"
    if [ "$found" -ne 0 ]; then
        failed=1
        # The panic message is the line after "panicked at"; libFuzzer names the input it wrote.
        awk '/panicked at/ { print; getline; print; next }
             /^(==[0-9]+== ERROR|ALARM|SUMMARY|.*Test unit written|.*has overflowed its stack)/' "$log" \
            | head -n 20 | sed 's/^/    /' || true
        find "$artifacts" -type f -newer "fuzz/corpus/.started-$target" \( -name 'crash-*' -o \
            -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | while read -r input; do
            echo "    reproduce: $bin_dir/$target $input"
        done
        echo "    keep each as crates/core/tests/fuzz-regressions/$target/NAME (cargo test replays them)"
    fi
done

echo "fuzz: install $((installed - started))s, build $((built - installed))s, run $(($(date +%s) - built))s"
for line in "${summary[@]}"; do
    echo "fuzz: $line"
done
if [ "$failed" -ne 0 ]; then
    echo "fuzz: FAILED: crashes or hangs above; inputs in fuzz/artifacts/" >&2
    exit 1
fi
echo "fuzz: no crash, no hang"
