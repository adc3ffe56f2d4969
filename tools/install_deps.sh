#!/usr/bin/env bash
# Installs the Debian 12 packages vnplan needs to build, test and run.
# Idempotent: skips apt entirely when every package is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git xz-utils
  libtesseract-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  libleptonica-dev libopencv-dev libicu-dev libpoppler-cpp-dev poppler-utils
  libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  libpango1.0-dev libcairo2-dev fonts-dejavu-core fonts-liberation2
  libssl-dev zlib1g-dev libpng-dev libxml2-dev libcsv-dev libzip-dev libwv-dev libfreexl-dev python3-jsonschema
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install_deps: all ${#PACKAGES[@]} packages present" >&2
  exit 0
fi
echo "install_deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
