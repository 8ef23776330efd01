#!/bin/bash
# The published runs of docs/results.md and the timing of docs/benchmarks/eval.md.
# Usage: bench/bench_eval.sh NAME DATA   (e.g. bench/bench_eval.sh ml-small ../shared/data/ml-latest-small.zip)
# Same budget for every model; logs in runs/logs/NAME.err, results in runs/eval/NAME/.
cd "$(dirname "$0")/.." && mkdir -p runs/logs
BUDGET="--seeds 3 --epochs 8 --max-steps 60 --max-queries 300 --max-test 5000 --threads 1"
name=$1; data=$2
/usr/bin/time -v nice -n 10 .venv/bin/cgir eval "$data" $BUDGET --out runs/eval/$name > runs/logs/$name.out 2> runs/logs/$name.err
