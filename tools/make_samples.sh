#!/usr/bin/env bash
# Rebuilds the committed samples from the hand-written plans in samples/src:
#   th_hoa_binh   -> samples/th_hoa_binh.scan.pdf   (landscape, degraded "medium" scan, seed 7)
#   mn_an_phu     -> samples/mn_an_phu.tcvn3.txt   (TCVN3 bytes, tables tab-separated)
#   thcs_tan_loc  -> samples/thcs_tan_loc.stripped.txt (diacritics stripped)
#   th_hoa_binh   -> samples/th_hoa_binh.vntime.docx (Word, typed in .VnTime/.VnTimeH)
#   th_hoa_binh   -> samples/th_hoa_binh.vntime.doc  (Word 97-2003, the same; written by
#                    LibreOffice from an .odt, only when `soffice` is installed: vnplan reads
#                    the binary Word format but has no writer for it)
# The expected JSON next to each sample was written from samples/src by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake --build "$BUILD_DIR" -j "$(nproc)" --target vnplan-synth vnplan-sample-export >/dev/null
SYNTH="$BUILD_DIR/tools/synth/vnplan-synth"
EXPORT="$BUILD_DIR/tools/samples/vnplan-sample-export"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SYNTH" render -i samples/src/th_hoa_binh.md --landscape --repeat-header --dpi 300 \
  --png-dir "$tmp/pages" --degrade medium --seed 7 --scan-pdf samples/th_hoa_binh.scan.pdf \
  --scan-pdf-jpeg 60 --gold-text "$tmp/gold.txt"
"$EXPORT" samples/src/mn_an_phu.md --form tcvn3 -o samples/mn_an_phu.tcvn3.txt
"$EXPORT" samples/src/thcs_tan_loc.md --form stripped -o samples/thcs_tan_loc.stripped.txt
"$EXPORT" samples/src/th_hoa_binh.md --form docx-vntime -o samples/th_hoa_binh.vntime.docx
if command -v soffice >/dev/null; then
  "$EXPORT" samples/src/th_hoa_binh.md --form odt-vntime -o "$tmp/th_hoa_binh.vntime.odt"
  soffice --headless --convert-to doc:"MS Word 97" --outdir "$tmp" "$tmp/th_hoa_binh.vntime.odt" >/dev/null
  cp "$tmp/th_hoa_binh.vntime.doc" samples/th_hoa_binh.vntime.doc
else
  echo "make_samples: soffice not installed; samples/th_hoa_binh.vntime.doc kept as committed" >&2
fi
ls -l samples/*.pdf samples/*.txt samples/*.docx samples/*.doc >&2
