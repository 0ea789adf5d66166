# Sourced by every script in bin/, bench/ and .ci/. Each concern lives in its own file:
#   jdk.sh        finds a JDK 22 or newer (one scan)
#   provision.sh  installs what a fresh Debian/Ubuntu machine lacks (librdkafka, test tools), as root
#   maven.sh      runs Maven through the wrapper (one function) and builds modules
#   chroots.sh    newer librdkafka releases from Debian's registry, in debootstrap chroots
#   launch.sh     the JVM options and class-data archives of the command-line tools
# Never falls back to an older default `java`.

rdk_die() { echo "error: $*" >&2; exit 1; }

RDK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RDK_SCRIPTS="$RDK_ROOT/scripts"
source "$RDK_SCRIPTS/jdk.sh"
source "$RDK_SCRIPTS/provision.sh"
source "$RDK_SCRIPTS/maven.sh"
source "$RDK_SCRIPTS/chroots.sh"
source "$RDK_SCRIPTS/launch.sh"
