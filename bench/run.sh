#!/usr/bin/env bash
# Runs the peer benchmarks (hand-written pgx, plinth, ent, bun, gorm) and
# prints the markdown report for BENCHMARKS.md. From the repository root:
#   make bench-peers                  # COUNT=5 rounds
#   COUNT=10 BENCHTIME=2s bench/run.sh
#   INTERLEAVE=0 bench/run.sh         # one go test run with -count $COUNT
#
# By default the test binary is built once and run COUNT times with
# -count 1, so each round times every contender once and a burst of load on
# the machine is spread over the contenders instead of landing on the five
# runs of one of them. The output is the same go test -bench format either
# way. The raw output is kept in bench/results.txt (for benchstat) and the
# table in bench/results.md.
set -euo pipefail
cd "$(dirname "$0")"

go=${GO:-go}
count=${COUNT:-5}
benchtime=${BENCHTIME:-1s}
interleave=${INTERLEAVE:-1}
raw=results.txt

# "key: value" lines are configuration to benchfmt; cmd/report shows them.
echo "loadavg-before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$raw"
if [ "$interleave" = 1 ]; then
	cmd="go test -c -o bench.test && for i in \$(seq $count); do ./bench.test -test.run '^\$' -test.bench . -test.benchmem -test.count 1 -test.benchtime $benchtime; done"
	echo "bench: $cmd" >&2
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	"$go" test -c -o "$tmp/bench.test" .
	for i in $(seq "$count"); do
		echo "bench: round $i of $count" >&2
		"$tmp/bench.test" -test.run '^$' -test.bench . -test.benchmem -test.count 1 \
			-test.benchtime "$benchtime" -test.timeout 30m | tee -a "$raw" >&2
	done
else
	cmd="go test -run '^\$' -bench . -benchmem -count $count -benchtime $benchtime"
	echo "bench: $cmd" >&2
	"$go" test -run '^$' -bench . -benchmem -count "$count" -benchtime "$benchtime" -timeout 60m | tee -a "$raw" >&2
fi
echo "loadavg-after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$raw"
"$go" run ./cmd/report -cmd "cd bench && $cmd" "$raw" | tee results.md
