# Newer librdkafka releases, as Debian ships them: trixie's (2.8.x) and sid's (2.14.x). Their packages need
# glibc 2.38 or newer, so each runs in a debootstrap chroot made from Debian's registry (minbase plus
# librdkafka1, librdkafka-dev, kcat, gcc, procps and time; about a minute each), with the JDK, the checkout and ~/.m2
# bind-mounted at their own paths, /proc and /dev mounted. Only Debian's packages: nothing is built from source.
# The chroots are kept under $RDKAFKA_CHROOTS (default /var/tmp/rdkafka-java/chroots) and reused.

RDK_CHROOTS="${RDKAFKA_CHROOTS:-/var/tmp/rdkafka-java/chroots}"
RDK_CHROOT_PACKAGES="librdkafka1,librdkafka-dev,kcat,gcc,libc6-dev,procps,time,ca-certificates"
RDK_DEBIAN_MIRROR="${RDKAFKA_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# Prints why chroots cannot be made on this machine (nothing when they can). Installs debootstrap if missing.
rdk_chroot_unavailable() {
  if [ "$(id -u)" != 0 ]; then echo "not running as root (debootstrap, chroot and mount need root)"; return; fi
  if ! command -v chroot >/dev/null 2>&1 || ! command -v mount >/dev/null 2>&1; then
    echo "chroot or mount is missing"; return
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    rdk_apt_install debootstrap >/dev/null 2>&1 || { echo "debootstrap is not installed and apt-get could not install it"; return; }
  fi
}

# Prints the mount points under directory $1 (deepest first), from /proc/mounts.
rdk_mounts_under() {
  [ -r /proc/mounts ] || return 0
  awk -v d="$1" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r
}

# Removes a chroot directory, refusing while anything is mounted in it: a bind mount of the checkout or of ~/.m2
# would be deleted with it.
rdk_chroot_remove() {
  [ -d "$1" ] || return 0
  [ -z "$(rdk_mounts_under "$1")" ] || rdk_die "refusing to remove $1: mounts are active under it ($(rdk_mounts_under "$1" | tr '\n' ' '))"
  rm -rf "$1"
}

# Makes the chroot of Debian suite $1 unless it exists with the current package list. Returns 1 (with the reason on stderr) when it cannot.
rdk_chroot_make() {
  local suite="$1" dir="$RDK_CHROOTS/$1"
  # the marker records the package list: a chroot made with another list is made again
  [ "$(cat "$dir/.rdkafka-java-ready" 2>/dev/null)" = "$RDK_CHROOT_PACKAGES" ] && return 0
  mkdir -p "$RDK_CHROOTS"
  rdk_chroot_remove "$dir.new"
  echo "making a $suite chroot with Debian's librdkafka in $dir (debootstrap, about a minute) ..." >&2
  local log="$RDK_CHROOTS/$suite.debootstrap.log"
  if ! debootstrap --variant=minbase --include="$RDK_CHROOT_PACKAGES" "$suite" "$dir.new" "$RDK_DEBIAN_MIRROR" \
       >"$log" 2>&1; then
    tail -n 15 "$log" >&2
    echo "debootstrap of $suite failed (full log: $log)" >&2
    return 1
  fi
  echo "$RDK_CHROOT_PACKAGES" > "$dir.new/.rdkafka-java-ready"
  rdk_chroot_remove "$dir"
  mv "$dir.new" "$dir"
}

# Mounts into chroot $1 what a run needs: /proc, /dev, the JDK, the checkout and ~/.m2, each at its own path.
rdk_chroot_mount() {
  local dir="$RDK_CHROOTS/$1" p
  mkdir -p "$HOME/.m2"
  mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc" || return 1
  mountpoint -q "$dir/dev" || mount --bind /dev "$dir/dev" || return 1
  for p in "$JAVA_HOME" "$RDK_ROOT" "$HOME/.m2"; do
    mkdir -p "$dir$p"
    mountpoint -q "$dir$p" || mount --bind "$p" "$dir$p" || return 1
  done
  # loopback names and, for Maven downloads, the resolver
  cp /etc/hosts "$dir/etc/hosts" 2>/dev/null || true
  cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

rdk_chroot_umount() {
  local m
  for m in $(rdk_mounts_under "$RDK_CHROOTS/$1"); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "note: could not unmount $m" >&2
  done
}

# The version of Debian's librdkafka1 package in chroot $1.
rdk_chroot_librdkafka() {
  chroot "$RDK_CHROOTS/$1" dpkg-query -W -f '${Version}' librdkafka1 2>/dev/null
}

# Runs a command in chroot $1, in the current directory, with a clean environment: the JDK, HOME and Maven's
# options pass; RDKAFKA_LIBRARY_PATH does not (it names a library of the host).
rdk_chroot_run() {
  local suite="$1"; shift
  chroot "$RDK_CHROOTS/$suite" /usr/bin/env -i HOME="$HOME" LANG=C.UTF-8 TERM="${TERM:-dumb}" \
    PATH="$JAVA_HOME/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" JAVA_HOME="$JAVA_HOME" \
    MAVEN_OPTS="${MAVEN_OPTS:-}" RDKAFKA_LIBRDKAFKA_NAME="$suite" \
    /bin/bash -c 'cd "$1" && shift && exec "$@"' rdk-chroot "$PWD" "$@"
}

# Runs a command of the checkout in the chroot of Debian suite $1, made if missing, mounted for the command's
# duration and unmounted after it (also when interrupted). One command at a time per chroot: another checkout's
# run shares /proc and /dev, and its unmounting would pull them from under this one.
rdk_in_chroot() {
  local suite="$1" status=0; shift
  rdk_chroot_make "$suite" || return 1
  exec 8>"$RDK_CHROOTS/$suite.lock"
  if command -v flock >/dev/null 2>&1 && ! flock -n 8; then
    echo "== waiting for another run in the $suite chroot to finish ..." >&2
    flock 8
  fi
  trap 'rdk_chroot_umount '"$suite"'' EXIT
  if rdk_chroot_mount "$suite"; then
    echo "== $suite chroot: Debian's librdkafka1 $(rdk_chroot_librdkafka "$suite")" >&2
    rdk_chroot_run "$suite" "$@" || status=$?
  else
    echo "could not mount the JDK, the checkout and ~/.m2 into the $suite chroot" >&2
    status=1
  fi
  rdk_chroot_umount "$suite"
  trap - EXIT
  exec 8>&-
  return "$status"
}
