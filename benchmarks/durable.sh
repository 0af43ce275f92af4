#!/usr/bin/env bash
# The durable benchmark (issue 11): this project's JDBC store against JobRunr OSS and db-scheduler, side by side
# on one embedded PostgreSQL 17 (127.0.0.1, a free port), in one JVM run. Writes benchmarks/results/:
#   durable-run.txt   everything the run printed: every round of every contender, pg_stat_statements of the
#                     last round's throughput run per contender, the endpoint's timings
#   durable-table.md  the table of medians (min–max) with ratios to the best peer and the issue's targets
# Takes about 15 minutes on 2 cores. ROUNDS=n changes the number of measured rounds (5; a warm-up round comes
# first), RESULTS=dir writes elsewhere, and JFR=1 also records a flight recording (durable.jfr) of the run.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-5}
results=${RESULTS:-benchmarks/results}
jar=benchmarks/target/benchmarks.jar

./mvnw -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$results"

jvm_options=(-Xms1g -Xmx1g)
if [ "${JFR:-}" = 1 ]; then
  jvm_options+=("-XX:StartFlightRecording=filename=$results/durable.jfr,settings=profile")
fi
{
  echo "Command: benchmarks/durable.sh (ROUNDS=$rounds), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "nproc: $(nproc)"
  java "${jvm_options[@]}" -cp "$jar" io.github.backgroundwork.benchmarks.durable.DurableBenchmark "$rounds" "$results"
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$results/durable-run.txt"
