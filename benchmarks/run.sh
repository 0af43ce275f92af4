#!/usr/bin/env bash
# Runs every benchmark with fixed options and writes benchmarks/results/:
#   rounds-jdk17.txt      interleaved rounds on the default JDK: throughput, CPU and bytes per item against the
#                         JDK's and Spring's executors, at concurrency 2 and 8, and the cost of each starter feature
#   jmh-jdk17.txt/.json   JMH on the default JDK: throughput (with -prof gc) and latency, platform threads
#   jmh-jdk25.txt/.json   JMH on JDK 21+: throughput, platform and virtual threads
#   footprint.txt/.properties, shutdown.txt/.properties   the two measurements JMH cannot make
#   table.md              the README table, made from the files above
# Takes about 10 minutes on 2 cores. Set JDK21_PLUS to a JDK 21+ home if it is not the default below.
# QUICK=1 runs one short iteration of each (a smoke test of this script, not figures to publish), and
# RESULTS=dir writes elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

jdk21=${JDK21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
results=${RESULTS:-benchmarks/results}
jar=benchmarks/target/benchmarks.jar
jmh_options=(-f 1 -wi 5 -w 1s -i 10 -r 1s -jvmArgs "-Xms2g -Xmx2g")
if [ "${QUICK:-}" = 1 ]; then
  jmh_options=(-f 1 -wi 1 -w 1s -i 1 -r 1s -jvmArgs "-Xms2g -Xmx2g")
fi

if [ ! -x "$jdk21/bin/java" ]; then
  echo "No JDK 21+ at $jdk21: set JDK21_PLUS to one (virtual threads need it)" >&2
  exit 1
fi

./mvnw -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$results"

{
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "cores=$(nproc)"
  echo "memory=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
  echo "loadBefore=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "date=$(date -u +%Y-%m-%d)"
} > "$results/machine.properties"

rounds_args=(1000000 11 2,8)
if [ "${QUICK:-}" = 1 ]; then
  rounds_args=(100000 2 2)
fi
java -Xms2g -Xmx2g -Djava.util.logging.config.file=/dev/null -cp "$jar" \
  io.github.backgroundwork.benchmarks.InterleavedRounds "${rounds_args[@]}" | tee "$results/rounds-jdk17.txt"
java -jar "$jar" "ThroughputBenchmark|LatencyBenchmark" -p threads=platform -prof gc "${jmh_options[@]}" \
  -rf json -rff "$results/jmh-jdk17.json" | tee "$results/jmh-jdk17.txt"
"$jdk21/bin/java" -jar "$jar" ThroughputBenchmark -p threads=platform,virtual "${jmh_options[@]}" \
  -rf json -rff "$results/jmh-jdk25.json" | tee "$results/jmh-jdk25.txt"
java -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$jar" io.github.backgroundwork.benchmarks.QueuedItemFootprint "$results" \
  | tee "$results/footprint.txt"
java -Xms1g -Xmx1g -cp "$jar" io.github.backgroundwork.benchmarks.ShutdownLatency "$results" \
  | tee "$results/shutdown.txt"

echo "loadAfter=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.properties"
java -cp "$jar" io.github.backgroundwork.benchmarks.ReportTable "$results" > "$results/table.md"
cat "$results/table.md"
