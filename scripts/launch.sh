# Launching the command-line tools: their JVM options, their class-data archives, and the exec.

# JVM options of the tools: small heap and stacks, serial GC, full JIT (C1-only would slow FFM down),
# native access without warnings, and an automatically (re)created class-data-sharing archive (rdk_cli_cds).
# RDKAFKA_JAVA_OPTS is appended (e.g. RDKAFKA_JAVA_OPTS=-Xmx512m for big perf runs). The code cache is a
# reservation (only code actually compiled is resident); at 32 MB, C2's code for a producer + consumer crossed its
# collection threshold within seconds and a full GC stopped every thread for ~18 ms (end-to-end p99.9 40 ms
# against 22 ms with 64 MB, native 16-21 ms).
# $1: the tool; $2: map only this tool's class-data archive, write none (see rdk_cli_cds). perf runs with C1 only
# when it consumes (RDK_PERF_CONSUMES, set by rdk_exec_cli): 15-30 % less CPU consuming 2M records of 100 B or
# 666 666 of 1 KB; producing stays tiered (C1 only cut 100 B produce throughput by 30-55 %: the produce path's
# Java code needs C2). complex-consumer is tiered: it prints every record, and C1's code for that (segment
# views and copies through FFM) was slow enough that librdkafka 2.0.2's consumer queue filled and its fetcher
# rested for most of each second (3M records of 100 B: 11-15 fetch back-offs and 11.5-14.3 s with C1, 3-4 and
# 5.6-7.0 s tiered, kcat -G 5-8 and 5.7-8.8 s, alternating). See docs/benchmarks.md.
rdk_cli_java_opts() {
  RDK_CLI_JAVA_OPTS=(-XX:+UseSerialGC -Xss512k -Xms8m -Xmx64m -XX:MaxMetaspaceSize=64m
    -XX:ReservedCodeCacheSize=64m -XX:-UsePerfData
    --enable-native-access=ALL-UNNAMED -Drdkafka.home="$RDK_ROOT")
  if [ "${1:-}" = perf ] && [ -n "${RDK_PERF_CONSUMES:-}" ]; then RDK_CLI_JAVA_OPTS+=(-XX:TieredStopAtLevel=1); fi
  # the long-running consumer hands freed native memory (librdkafka's fetch buffers, the JIT's arenas) back to
  # the system every 2 s: steady RSS on a record every 500 ms 63 -> 56 MB
  if [ "${1:-}" = complex-consumer ]; then RDK_CLI_JAVA_OPTS+=(-XX:TrimNativeHeapInterval=2000); fi
  local v; v=$(rdk_jdk_version "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge 19 ] && [ -z "${RDKAFKA_NO_CDS:-}" ]; then rdk_cli_cds "$v" "${2:-${1:-}}" "${2:-}"; fi
  if [ -n "${RDKAFKA_JAVA_OPTS:-}" ]; then
    # shellcheck disable=SC2206
    RDK_CLI_JAVA_OPTS+=(${RDKAFKA_JAVA_OPTS})
  fi
}

# Class-data sharing for the tools: a static archive per tool and JDK, made from the classes the tool's first
# run loaded (its class list). It replaces the JDK's default archive, which maps ~14 MB of classes the tools never
# use, so the tools start faster and smaller (complex-consumer reading 2M records: ~64 -> ~61.5 MB peak RSS; a
# dynamic archive stacks on the default one and saved nothing). First run: writes the class list (a file named
# after the JVM's pid, complete once that process has ended: exec leaves no moment to rename it). Second run:
# dumps the archive (~2 s, once), then maps it. A rebuilt jar invalidates both. $1: JDK feature version, $2: tool,
# $3: non-empty to only map an existing archive (several JVMs started from one shell, as bin/demo does, would
# write one class list).
rdk_cli_cds() {
  local tool="main"
  case "${2:-}" in ''|-*|*[!a-z-]*) ;; *) tool="$2" ;; esac
  local base="${RDK_CLI_JAR%/*}/rdkafka-cli-$1-$tool"
  local jsa="$base.jsa" list="$base.classlist" f pid
  for f in "$list".*; do   # lists of runs that have ended
    [ -f "$f" ] || continue
    pid="${f##*.}"
    if ! kill -0 "$pid" 2>/dev/null; then
      if [ -s "$f" ] && [ ! -f "$list" ] && [ ! "$RDK_CLI_JAR" -nt "$f" ]; then mv -f "$f" "$list"; else rm -f "$f"; fi
    fi
  done
  for f in "$jsa" "$list"; do
    if [ -f "$f" ] && [ "$RDK_CLI_JAR" -nt "$f" ]; then rm -f "$f"; fi
  done
  if [ ! -f "$jsa" ] && [ -f "$list" ] && [ -z "${3:-}" ]; then
    if "$JAVA_HOME/bin/java" "${RDK_CLI_JAVA_OPTS[@]}" -Xshare:dump -XX:SharedClassListFile="$list" \
        -XX:SharedArchiveFile="$jsa.$$" -cp "$RDK_CLI_JAR" >/dev/null 2>&1 && [ -s "$jsa.$$" ]; then
      mv -f "$jsa.$$" "$jsa"
    else
      rm -f "$jsa.$$" "$list"   # e.g. a list cut short: the next run writes a new one
    fi
  fi
  if [ -f "$jsa" ]; then
    RDK_CLI_JAVA_OPTS+=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off)
  elif [ ! -f "$list" ] && [ -z "${3:-}" ]; then
    # exec keeps this shell's pid for the JVM
    RDK_CLI_JAVA_OPTS+=(-XX:DumpLoadedClassList="$list.$$")
  fi
}

# Replaces the shell with the CLI tool "$@" (finds the JDK and librdkafka, builds the jar if needed).
rdk_exec_cli() {
  rdk_find_jdk
  rdk_ensure_librdkafka
  rdk_ensure_cli
  local a
  if [ "${1:-}" = perf ]; then
    for a in "$@"; do case "$a" in -C|-G|-G?*) RDK_PERF_CONSUMES=1 ;; esac; done
  fi
  rdk_cli_java_opts "${1:-}"
  # fewer glibc malloc arenas for librdkafka's threads: a smaller footprint for the long-running consumer
  if [ "${1:-}" = complex-consumer ]; then export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"; fi
  exec "$JAVA_HOME/bin/java" "${RDK_CLI_JAVA_OPTS[@]}" -jar "$RDK_CLI_JAR" "$@"
}
