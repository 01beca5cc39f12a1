#!/usr/bin/env bash
# Runs every libFuzzer target (built by `make fuzz` into .build-fuzz) for FUZZ_SECONDS each, seeded from
# Fuzz/seeds/<target> and the regression corpus, and prints executions and crashes per target.
#
# A target stops at its first crash; this script saves the input to Fuzz/pending/<target>/ (with the
# sanitizer's report beside it in .build-fuzz/work/<target>/) and restarts it for the time left, so one
# crash does not hide the others. Fix the parser, then `git mv` the input to Fuzz/regressions/<target>/
# where `make test` replays it (Tests/FuzzRegressionTests).
#
# Usage: scripts/fuzz/targets.sh [TARGET...]   (FUZZ_SECONDS=60 default, FUZZ_BIN=.build-fuzz/release)
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-60}
bin=${FUZZ_BIN:-.build-fuzz/release}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=($(ls Fuzz/Targets))
fi
# Swift's runtime keeps metadata caches that LeakSanitizer would report; leaks are not what we look for.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=0}
# Swift's own crash backtracer reads memory ASan then reports as its own crash: leave reports to ASan.
export SWIFT_BACKTRACE=enable=no
summary=${FUZZ_SUMMARY:-.build-fuzz/work/summary.tsv}
mkdir -p .build-fuzz/work
printf 'target\texecutions\tcrashes\tdistinct\tcorpus\n' > "$summary"
total_crashes=0
for target in "${targets[@]}"; do
    executable="$bin/fuzz-$target"
    [ -x "$executable" ] || { echo "missing $executable: run make fuzz" >&2; exit 2; }
    work=.build-fuzz/work/$target
    corpus=.build-fuzz/corpus/$target
    mkdir -p "$work" "$corpus" "Fuzz/regressions/$target"
    executions=0 crashes=0 distinct=0
    rm -f "$work/signatures" "$work"/run-*.log
    deadline=$(( $(date +%s) + seconds ))
    run=0
    while left=$(( deadline - $(date +%s) )); [ "$left" -gt 0 ]; do
        run=$((run + 1))
        log="$work/run-$run.log"
        "$executable" -max_total_time="$left" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="$work/" "$corpus" "Fuzz/seeds/$target" "Fuzz/regressions/$target" \
            > "$log" 2>&1
        status=$?
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
        [ -z "$runs" ] && runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
        executions=$(( executions + ${runs:-0} ))
        artifact=$(grep -o "Test unit written to [^ ]*" "$log" | tail -1 | sed 's/Test unit written to //')
        if [ -n "$artifact" ] && [ -f "$artifact" ]; then
            crashes=$((crashes + 1))
            # The same bug found again after a restart is counted once: its signature is the kind of
            # failure and the first frame in hub's own code.
            kind=$(grep -m1 -oE "ERROR: (AddressSanitizer: [a-z-]+|libFuzzer: [a-z-]+)|Fatal error: [^:]*" "$log")
            frame=$(grep -m1 -E "#[0-9]+ 0x[0-9a-f]+ in .*(Engine|Manifest|HubServer|HubClient|HuggingFace|Safetensors|StrictJSON)" "$log" \
                | sed -E 's/.* in ([^ ]*).*/\1/')
            signature="$kind | $frame"
            if ! grep -qxF "$signature" "$work/signatures" 2>/dev/null; then
                echo "$signature" >> "$work/signatures"
                distinct=$((distinct + 1))
                mkdir -p "Fuzz/pending/$target"
                name=$(basename "$artifact")
                cp "$artifact" "Fuzz/pending/$target/$name"
                echo "== $target: new crash saved to Fuzz/pending/$target/$name (report: $log)"
                grep -m1 -E "ERROR: (AddressSanitizer|libFuzzer)|Fatal error|SUMMARY" "$log" | sed 's/^/   /'
                grep -m4 -E "#[0-9]+ 0x[0-9a-f]+ in .*(Engine|Manifest|HubServer|HubClient|HuggingFace|Safetensors|StrictJSON)" "$log" | sed 's/^/   /'
            fi
        elif [ $status -ne 0 ]; then
            echo "== $target: exited with status $status without an artifact (see $log)" >&2
            tail -5 "$log" >&2
            break
        fi
    done
    corpus_size=$(ls "$corpus" | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$executions" "$crashes" "$distinct" "$corpus_size" >> "$summary"
    total_crashes=$((total_crashes + crashes))
done
echo
echo "libFuzzer, ${seconds} s per target:"
column -t -s $'\t' "$summary"
[ "$total_crashes" -eq 0 ]
