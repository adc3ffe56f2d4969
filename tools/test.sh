#!/usr/bin/env bash
# README command #2: install dependencies, build, and run the whole test
# suite (unit + end-to-end). `tools/test.sh -LE e2e` skips the slow label.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
tools/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc)" --timeout 600 "$@"
