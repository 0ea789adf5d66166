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
  ldconfig -p 2>/dev/null | grep -q 'librdkafka\.so\.1 ' && return 0
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
