# Sourced by every script in bin/ and .ci/: finds a JDK >= 22 and librdkafka, installing what a fresh
# Debian/Ubuntu machine lacks when running as root. Never falls back to an older default `java`.

rdk_die() { echo "error: $*" >&2; exit 1; }

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
rdk_jdk_version() {
  local javabin="$1/bin/java"
  [ -x "$javabin" ] && [ -x "$1/bin/javac" ] || return 0
  "$javabin" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

# Exports JAVA_HOME: $JAVA_HOME when it is 22 or newer, else the newest JDK >= 22 under /usr/lib/jvm.
rdk_find_jdk() {
  local v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(rdk_jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 22 ]; then export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
    echo "note: JAVA_HOME=$JAVA_HOME is ${v:-not a JDK}; looking for JDK >= 22 under /usr/lib/jvm" >&2
  fi
  local best="" bestv=0 d
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] || continue
    [ -L "$d" ] && continue
    v=$(rdk_jdk_version "$d")
    if [ -n "$v" ] && [ "$v" -ge 22 ] && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
  done
  [ -n "$best" ] || rdk_die "no JDK 22 or newer found (JAVA_HOME unset or too old, nothing under /usr/lib/jvm).
Install JDK 25, for example Temurin 25 (apt-get install temurin-25-jdk from Adoptium's repository),
then set JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64."
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Maven 3.9 on JDK 24+ warns about sun.misc.Unsafe at every start; the flag exists only from JDK 23.
rdk_quiet_maven() {
  local v; v=$(rdk_jdk_version "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}";; esac
  fi
}

rdk_have_librdkafka() {
  if [ -n "${RDKAFKA_LIBRARY_PATH:-}" ]; then [ -f "$RDKAFKA_LIBRARY_PATH" ]; return; fi
  # no grep -q: it would exit early, ldconfig would die of SIGPIPE and pipefail would call that a failure
  ldconfig -p 2>/dev/null | grep 'librdkafka\.so\.1 ' >/dev/null && return 0
  [ -f /usr/local/lib/librdkafka.dylib ] || [ -f /opt/homebrew/lib/librdkafka.dylib ]
}

rdk_apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: $*" >&2
    if [ -z "${RDK_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
      export RDK_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  else
    return 1
  fi
}

# librdkafka itself (runtime). The -dev headers and kcat let more tests run (header check, independent reader).
rdk_ensure_librdkafka() {
  if ! rdk_have_librdkafka; then
    rdk_apt_install librdkafka1 || rdk_die "librdkafka is not installed.
Debian/Ubuntu: sudo apt-get install librdkafka1   macOS: brew install librdkafka
or point RDKAFKA_LIBRARY_PATH at librdkafka.so.1"
  fi
}

rdk_ensure_test_tools() {
  rdk_ensure_librdkafka
  local missing=()
  [ -f /usr/include/librdkafka/rdkafka.h ] || missing+=(librdkafka-dev)
  command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  command -v gcc >/dev/null 2>&1 || missing+=(gcc)
  if [ ${#missing[@]} -gt 0 ]; then
    rdk_apt_install "${missing[@]}" || echo "note: could not install ${missing[*]}; tests that need them are skipped" >&2
  fi
}

RDK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# ---- rdkafka-cli (bin/rdkafka, bin/complex-consumer, bin/demo) ----------------------------------------

# RDKAFKA_CLI_JAR runs another copy of the jar (bench/run uses a snapshot, so that builds running meanwhile
# cannot swap the jar under a measurement); it is never rebuilt.
RDK_CLI_JAR="${RDKAFKA_CLI_JAR:-$RDK_ROOT/rdkafka-cli/target/rdkafka-cli-all.jar}"

# Prints the first source or pom newer than the CLI jar (nothing when the jar is up to date).
rdk_cli_stale() {
  [ -f "$RDK_CLI_JAR" ] || { echo "$RDK_CLI_JAR"; return 0; }
  find "$RDK_ROOT/pom.xml" "$RDK_ROOT"/rdkafka-cli/pom.xml "$RDK_ROOT"/rdkafka-cli/src/main \
       "$RDK_ROOT"/rdkafka-client/pom.xml "$RDK_ROOT"/rdkafka-client/src/main \
       "$RDK_ROOT"/rdkafka-ffm/pom.xml "$RDK_ROOT"/rdkafka-ffm/src/main \
       -newer "$RDK_CLI_JAR" -type f -print -quit 2>/dev/null
}

# Runs Maven for the given modules (and the modules they need): offline first, online if that fails.
rdk_build_modules() {
  local modules="$1"; shift
  rdk_quiet_maven
  local log; log=$(mktemp "${TMPDIR:-/tmp}/rdkafka-build.XXXXXX")
  if (cd "$RDK_ROOT" && ./mvnw -q -B -ntp -o -pl "$modules" -am package -Dmaven.test.skip=true "$@") >"$log" 2>&1; then
    rm -f "$log"; return 0
  fi
  echo "note: offline build failed; retrying online (downloads what is missing)" >&2
  if (cd "$RDK_ROOT" && ./mvnw -q -B -ntp -pl "$modules" -am package -Dmaven.test.skip=true "$@") >"$log" 2>&1; then
    rm -f "$log"; return 0
  fi
  tail -n 40 "$log" >&2
  rm -f "$log"
  rdk_die "building $modules failed (see above)"
}

# Builds the CLI's executable jar when it is missing or older than its sources. Concurrent callers wait
# for one build (flock) instead of racing.
rdk_ensure_cli() {
  if [ -n "${RDKAFKA_CLI_NO_BUILD:-}" ] || [ -n "${RDKAFKA_CLI_JAR:-}" ]; then   # use the jar as it is, never run Maven
    [ -f "$RDK_CLI_JAR" ] || rdk_die "$RDK_CLI_JAR is missing (RDKAFKA_CLI_NO_BUILD is set)"
    return 0
  fi
  [ -z "$(rdk_cli_stale)" ] && return 0
  mkdir -p "$RDK_ROOT/rdkafka-cli/target"
  local lock="$RDK_ROOT/rdkafka-cli/target/.build.lock"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$lock"
    flock 9
  fi
  if [ -n "$(rdk_cli_stale)" ]; then
    echo "building rdkafka-cli (first run or sources changed) ..." >&2
    rdk_build_modules rdkafka-cli
  fi
  if command -v flock >/dev/null 2>&1; then
    flock -u 9; exec 9>&-
  fi
  [ -f "$RDK_CLI_JAR" ] || rdk_die "the build did not produce $RDK_CLI_JAR"
}

# JVM options of the tools: small heap and stacks, serial GC, full JIT (C1-only would slow FFM down),
# native access without warnings, and an automatically (re)created class-data-sharing archive (rdk_cli_cds).
# RDKAFKA_JAVA_OPTS is appended (e.g. RDKAFKA_JAVA_OPTS=-Xmx512m for big perf runs). The code cache is a
# reservation (only code actually compiled is resident); at 32 MB, C2's code for a producer + consumer crossed its
# collection threshold within seconds and a full GC stopped every thread for ~18 ms (end-to-end p99.9 40 ms
# against 22 ms with 64 MB, native 16-21 ms).
# $1: the tool; $2: map only this tool's class-data archive, write none (see rdk_cli_cds). complex-consumer runs
# with C1 only: without C2's compiler threads, arenas and code its
# peak RSS reading 2M records fell from ~83 MB to ~70 MB (kcat: ~60 MB), and it finished sooner on 2 cores
# (its work is librdkafka's and stdout's; C2 compiling competed with it). So does perf when it consumes
# (RDK_PERF_CONSUMES, set by rdk_exec_cli): 15-30 % less CPU consuming 2M records of 100 B or 666 666 of 1 KB;
# producing stays tiered (C1 only cut 100 B produce throughput by 30-55 %: the produce path's Java code needs
# C2). See docs/benchmarks.md.
rdk_cli_java_opts() {
  RDK_CLI_JAVA_OPTS=(-XX:+UseSerialGC -Xss512k -Xms8m -Xmx64m -XX:MaxMetaspaceSize=64m
    -XX:ReservedCodeCacheSize=64m -XX:-UsePerfData
    --enable-native-access=ALL-UNNAMED -Drdkafka.home="$RDK_ROOT")
  case "${1:-}" in
    complex-consumer) RDK_CLI_JAVA_OPTS+=(-XX:TieredStopAtLevel=1) ;;
    perf) if [ -n "${RDK_PERF_CONSUMES:-}" ]; then RDK_CLI_JAVA_OPTS+=(-XX:TieredStopAtLevel=1); fi ;;
  esac
  local v; v=$(rdk_jdk_version_fast "$JAVA_HOME")
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

# The feature version of the JDK at $1 from its release file (no JVM started); rdk_jdk_version otherwise.
rdk_jdk_version_fast() {
  local v=""
  if [ -f "$1/release" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -n "$v" ]; then echo "$v"; else rdk_jdk_version "$1"; fi
}

# rdk_find_jdk for launchers, where startup time counts: the same choice, read from release files.
rdk_find_jdk_fast() {
  local v d best="" bestv=0
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(rdk_jdk_version_fast "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 22 ]; then export JAVA_HOME; export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
    echo "note: JAVA_HOME=$JAVA_HOME is ${v:-not a JDK}; looking for JDK >= 22 under /usr/lib/jvm" >&2
  fi
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && [ ! -L "$d" ] && [ -f "$d/release" ] || continue
    v=$(rdk_jdk_version_fast "$d")
    if [ -n "$v" ] && [ "$v" -ge 22 ] && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
  fi
  unset JAVA_HOME
  rdk_find_jdk
}

# Replaces the shell with the CLI tool "$@" (finds the JDK and librdkafka, builds the jar if needed).
rdk_exec_cli() {
  rdk_find_jdk_fast
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
