#!/usr/bin/env bash
# Regenerates rdkafka-ffm's generated sources from librdkafka's public headers of every release from
# 2.0.2 (the minimum supported) to the newest tag in a librdkafka git clone:
#   scripts/regen-ffm.sh /path/to/librdkafka.git
# Only rdkafka.h and rdkafka_mock.h are read (with `git show`); nothing of librdkafka is built or copied.
set -euo pipefail
source "$(dirname "$0")/common.sh"
rdk_find_jdk
repo="${1:?usage: regen-ffm.sh <librdkafka git dir>}"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for tag in $(git --git-dir="$repo" tag | grep -E '^v2\.[0-9]+\.[0-9]+$' | sort -V); do
  v=${tag#v}
  # 2.0.2 is the oldest release we support (Debian 12)
  [ "$(printf '%s\n2.0.2\n' "$v" | sort -V | head -n1)" = 2.0.2 ] || continue
  mkdir -p "$work/$v"
  git --git-dir="$repo" show "$tag:src/rdkafka.h" > "$work/$v/rdkafka.h"
  git --git-dir="$repo" show "$tag:src/rdkafka_mock.h" > "$work/$v/rdkafka_mock.h" 2>/dev/null || rm -f "$work/$v/rdkafka_mock.h"
done
cd "$RDK_ROOT"
rdk_mvn -q -pl rdkafka-codegen compile
"$JAVA_HOME/bin/java" -cp rdkafka-codegen/target/classes io.rdkafka.codegen.Generator "$work" rdkafka-ffm/src/main/java
