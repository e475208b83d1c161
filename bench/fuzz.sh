#!/usr/bin/env bash
# Longer fuzzing of the readers users feed (docs/fuzzing.md).
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGETS]
# SECONDS_PER_TARGET defaults to 600; TARGETS is a surefire test pattern, default every *FuzzTest
# (for example HfConfigFuzzTest,AzureTraceFuzzTest). Targets run two at a time, each in a JVM of
# its own. A crash fails the run and leaves its input as crash-<sha1> in the target's
# src/test/resources/.../<Target>Inputs/<method>/ folder, where `mvn verify` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
targets=${2:-*FuzzTest}
mvn -B -q -pl perfmodel,optimizer -am install -DskipTests
mvn -B -pl perfmodel,optimizer surefire:test@fuzz -Dfuzz.seconds="$seconds" -Dfuzz.targets="$targets" \
    -Dsurefire.failIfNoSpecifiedTests=false
