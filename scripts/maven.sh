# Maven, always through the wrapper (./mvnw fetches Maven itself on a fresh machine).

# rdk_mvn [--offline-first] <maven arguments>: runs ./mvnw -B -ntp in the checkout. With --offline-first it tries
# offline first (no repository round trips when ~/.m2 has everything: builds of the tools and benchmarks), then
# online when that fails. Maven 3.9 on JDK 24+ warns about sun.misc.Unsafe at every start; the flag that
# silences it exists only from JDK 23.
rdk_mvn() {
  local offline_first=""
  if [ "${1:-}" = --offline-first ]; then offline_first=1; shift; fi
  local v; v=$(rdk_jdk_version "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}";; esac
  fi
  if [ -n "$offline_first" ]; then
    (cd "$RDK_ROOT" && ./mvnw -B -ntp -o "$@") && return 0
    echo "note: offline build failed; retrying online (downloads what is missing)" >&2
  fi
  (cd "$RDK_ROOT" && ./mvnw -B -ntp "$@")
}

# Packages the given modules (comma-separated) and the modules they need, without tests; quiet unless it fails.
rdk_build_modules() {
  local modules="$1"; shift
  local log; log=$(mktemp "${TMPDIR:-/tmp}/rdkafka-build.XXXXXX")
  if rdk_mvn --offline-first -q -pl "$modules" -am package -Dmaven.test.skip=true "$@" >"$log" 2>&1; then
    rm -f "$log"; return 0
  fi
  tail -n 40 "$log" >&2
  rm -f "$log"
  rdk_die "building $modules failed (see above)"
}

# ---- the CLI's jar (bin/rdkafka, bin/complex-consumer, bin/demo) ---------------------------------------

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

# Builds the CLI's executable jar when it is missing or older than its sources. Concurrent callers wait
# for one build (flock) instead of racing.
rdk_ensure_cli() {
  if [ -n "${RDKAFKA_CLI_NO_BUILD:-}" ] || [ -n "${RDKAFKA_CLI_JAR:-}" ]; then   # use the jar as it is, never run Maven
    [ -f "$RDK_CLI_JAR" ] || rdk_die "$RDK_CLI_JAR is missing (RDKAFKA_CLI_NO_BUILD is set)"
    return 0
  fi
  [ -z "$(rdk_cli_stale)" ] && return 0
  mkdir -p "$RDK_ROOT/rdkafka-cli/target"
  local locked=""
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RDK_ROOT/rdkafka-cli/target/.build.lock"
    flock 9 && locked=1
  fi
  if [ -n "$(rdk_cli_stale)" ]; then
    echo "building rdkafka-cli (first run or sources changed) ..." >&2
    rdk_build_modules rdkafka-cli
  fi
  if [ -n "$locked" ]; then flock -u 9; exec 9>&-; fi
  [ -f "$RDK_CLI_JAR" ] || rdk_die "the build did not produce $RDK_CLI_JAR"
}
