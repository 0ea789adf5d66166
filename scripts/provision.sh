# What a fresh Debian/Ubuntu machine lacks, installed with apt-get when running as root: librdkafka (runtime),
# and for the tests its headers (header checks), kcat (an independent reader) and gcc (layout checks, the
# native benchmark).

# Installs Debian packages; returns 1 when this is not root or not an apt system.
rdk_apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  echo "installing: $*" >&2
  if [ -z "${RDK_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    export RDK_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

rdk_have_librdkafka() {
  if [ -n "${RDKAFKA_LIBRARY_PATH:-}" ]; then [ -f "$RDKAFKA_LIBRARY_PATH" ]; return; fi
  # no grep -q: it would exit early, ldconfig would die of SIGPIPE and pipefail would call that a failure
  ldconfig -p 2>/dev/null | grep 'librdkafka\.so\.1 ' >/dev/null && return 0
  [ -f /usr/local/lib/librdkafka.dylib ] || [ -f /opt/homebrew/lib/librdkafka.dylib ]
}

rdk_ensure_librdkafka() {
  rdk_have_librdkafka && return 0
  rdk_apt_install librdkafka1 || rdk_die "librdkafka is not installed.
Debian/Ubuntu: sudo apt-get install librdkafka1   macOS: brew install librdkafka
or point RDKAFKA_LIBRARY_PATH at librdkafka.so.1"
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
