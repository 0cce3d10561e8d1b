#!/usr/bin/env bash
# JFR captures: Scripts/fixture-programs/javaburn/Burn.java (CPU in a few
# methods, allocation, a contended monitor, parking) recorded with JFR's
# `profile` settings plus no-machine.jfc, which turns off the events that
# describe the machine (environment, system properties, processes, CPU, OS,
# network, JVM arguments, native libraries, files and sockets), so no path,
# variable, host or user lands in a fixture; the script checks that with
# `jfr print`. Beside each recording, what the JDK's own `jfr print --json`
# makes of it, as folded stacks per sample type (Scripts/jfr_json_to_folded.py).
# JDK 17 (Debian's openjdk-17-jdk-headless) always; JDK 25 too when a
# Temurin 25 is installed under /usr/lib/jvm.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
out="$ROOT/Fixtures/jfr"
work=/opt/profconv-fixtures/javaburn
jdk17=/usr/lib/jvm/java-17-openjdk-amd64
if [ ! -x "$jdk17/bin/jfr" ]; then
    apt-get install -y openjdk-17-jdk-headless >/dev/null
fi
mkdir -p "$out" "$work"
cp "$ROOT/Scripts/fixture-programs/javaburn/Burn.java" "$ROOT/Scripts/fixture-programs/javaburn/no-machine.jfc" "$work/"
cd "$work"
"$jdk17/bin/javac" -g -d . Burn.java

# record JDK NAME: a 3-second recording and its expected folded stacks.
record() {
    local jdk=$1 name=$2
    rm -f "$work/$name.jfr"
    "$jdk/bin/java" -XX:StartFlightRecording:settings=profile,settings=no-machine.jfc,filename="$name.jfr" \
        -Xlog:jfr+startup=off -cp . Burn 3 >/dev/null
    local text
    text=$("$jdk/bin/jfr" print "$name.jfr")
    local host user
    host=$(hostname); user=$(id -un)
    # A field may share the user's name (OldObjectSample's `root = N/A`): only values count.
    if grep -E -q '/(root|work|home|tmp|opt)\b' <<<"$text" ||
        grep -w -E "$host|$user" <<<"$text" | grep -v -q -E "^ *($host|$user) = "; then
        echo "jfr.sh: $name.jfr names a path, host or user of this machine; not committed" >&2
        exit 1
    fi
    cp "$name.jfr" "$out/$name.jfr"
    local pair kind events
    for pair in cpu:jdk.ExecutionSample wall:jdk.NativeMethodSample alloc:jdk.ObjectAllocationSample \
        lock:jdk.JavaMonitorEnter park:jdk.ThreadPark; do
        kind=${pair%%:*}; events=${pair#*:}
        "$jdk/bin/jfr" print --json --stack-depth 4096 --events "$events" "$name.jfr" |
            python3 "$ROOT/Scripts/jfr_json_to_folded.py" "$kind" >"$out/$name.$kind.folded"
        # A kind of event the recording has none of is no sample type.
        [ -s "$out/$name.$kind.folded" ] || rm "$out/$name.$kind.folded"
    done
    echo "jfr.sh: $out/$name.jfr ($(wc -c <"$name.jfr") bytes)"
}

record "$jdk17" jdk17-burn
for jdk25 in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -x "$jdk25/bin/jfr" ]; then record "$jdk25" jdk25-burn; break; fi
done
