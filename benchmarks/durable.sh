#!/usr/bin/env bash
# The durable benchmark (issue 11): this project's JDBC store against JobRunr OSS and db-scheduler, side by side
# on one embedded PostgreSQL 17 (127.0.0.1, a free port), in one JVM run. Writes benchmarks/results/:
#   durable-run.txt   everything the run printed: every round of every contender, pg_stat_statements of the
#                     last round's throughput run per contender, the endpoint's timings
#   durable-table.md  the table of medians (min–max) with ratios to the best peer and the issue's targets
# Takes about 15 minutes on 2 cores. ROUNDS=n changes the number of measured rounds (5; a warm-up round comes
# first), RESULTS=dir writes elsewhere, and JFR=1 also records a flight recording (durable.jfr) of the run.
# POSTGRES=production runs PostgreSQL with fsync, synchronous_commit and full_page_writes on (the embedded
# server's defaults turn synchronous_commit off) and writes durable-run-production.txt and
# durable-table-production.md instead; MEASURE=throughput measures the throughput only (no latency, enqueue
# cost nor endpoint timing). CONTENDERS=background-work (comma-separated name prefixes) runs only those
# contenders, to measure one alone while changing it; published figures come from runs of all three.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-5}
results=${RESULTS:-benchmarks/results}
jar=benchmarks/target/benchmarks.jar

./mvnw -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$results"

postgres=${POSTGRES:-embedded}
measure=${MEASURE:-all}
suffix=""
if [ "$postgres" = production ]; then
  suffix="-production"
fi
command="POSTGRES=$postgres MEASURE=$measure ROUNDS=$rounds benchmarks/durable.sh"
jvm_options=(-Xms1g -Xmx1g "-Dpostgres=$postgres" "-Dmeasure=$measure" "-Dcommand=$command")
if [ -n "${CONTENDERS:-}" ]; then
  command="CONTENDERS=$CONTENDERS $command"
  jvm_options=(-Xms1g -Xmx1g "-Dpostgres=$postgres" "-Dmeasure=$measure" "-Dcommand=$command"
    "-Dcontenders=$CONTENDERS")
fi
if [ "${JFR:-}" = 1 ]; then
  jvm_options+=("-XX:StartFlightRecording=filename=$results/durable$suffix.jfr,settings=profile")
fi
{
  echo "Command: $command, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "nproc: $(nproc)"
  java "${jvm_options[@]}" -cp "$jar" io.github.backgroundwork.benchmarks.durable.DurableBenchmark "$rounds" "$results"
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$results/durable-run$suffix.txt"
