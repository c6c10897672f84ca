#!/usr/bin/env bash
# Regenerates every figure of benchmarks/README.md: builds, runs the whole benchmark twice, one
# run after the other, each in a fresh JVM, then writes benchmarks/results/ (results.md, the
# chart, the raw per-round times of each run) and the README's results block from those two runs.
# Run it on an idle machine: about 15 to 20 minutes on 2 cores. Extra arguments go to both runs
# (e.g. rows=100000); QUARRY_JDBC_URL picks the database as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q install -DskipTests -pl benchmarks -am
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -ntp -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat "$classpath_file")"

# A virtual machine whose idle vCPUs halt at once adds about 40 us to some single-row calls and
# not to others (see README.md, "How it measures"): say so before spending 15 minutes.
halt_poll=/sys/module/haltpoll/parameters/guest_halt_poll_ns
if [ -r "$halt_poll" ] && [ "$(cat "$halt_poll")" = 0 ]; then
  echo "warning: guest_halt_poll_ns is 0, so idle vCPUs halt at once and single-row figures carry" >&2
  echo "  ~40 us wake-ups on some statements; for comparable figures, as root: echo 200000 > $halt_poll" >&2
fi

out=benchmarks/results
mkdir -p "$out"
rm -f "$out"/run-*.tsv
# A fixed heap, touched up front: no resizing or page faults inside a timed round.
for run in 1 2; do
  java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp "$classpath" dev.quarry.bench.Benchmarks out="$out" run="$run" "$@"
done
java -cp "$classpath" dev.quarry.bench.Benchmarks report "$out" benchmarks/README.md
