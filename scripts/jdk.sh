# The JDK: JAVA_HOME when it is 22 or newer (the Foreign Function and Memory API), else the newest JDK 22+
# found in one scan of the usual places. Versions come from each JDK's release file: no JVM is started.

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing when $1 is not a JDK.
rdk_jdk_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  local v=""
  if [ -f "$1/release" ]; then v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1); fi
  if [ -z "$v" ]; then   # no release file (some distributions' builds): ask the JVM
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

# Exports JAVA_HOME (and puts its bin/ first on PATH).
rdk_find_jdk() {
  local v d best="" bestv=0
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(rdk_jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 22 ]; then export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
    echo "note: JAVA_HOME=$JAVA_HOME is ${v:-not a JDK}; looking for JDK >= 22 under /usr/lib/jvm" >&2
  fi
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    v=$(rdk_jdk_version "$d")
    if [ -n "$v" ] && [ "$v" -ge 22 ] && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
  done
  [ -n "$best" ] || rdk_die "no JDK 22 or newer found (JAVA_HOME unset or too old, nothing under /usr/lib/jvm).
Install JDK 25, for example Temurin 25 (apt-get install temurin-25-jdk from Adoptium's repository),
then set JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64."
  export JAVA_HOME="$best" PATH="$best/bin:$PATH"
}
