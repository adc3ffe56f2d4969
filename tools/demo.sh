#!/usr/bin/env bash
# README command #1: install dependencies, build, and run the main job
# (`vnplan run`) on the samples; results land in ./out.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
tools/build.sh
OUT=${OUT:-out}
./build/src/cli/vnplan run samples/*.pdf samples/*.txt samples/*.docx samples/*.doc -o "$OUT" "$@"
echo "demo: outputs in $OUT/" >&2
