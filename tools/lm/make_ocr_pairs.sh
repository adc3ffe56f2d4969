#!/usr/bin/env bash
# Makes aligned (truth, Tesseract-eng OCR) line pairs for the LM's OCR
# channel model, the way text like seed 003 arises: corpus lines rendered
# to images (vnplan-synth lines: several fonts, light scan degradation) and
# OCR'd with `tesseract -l eng --psm 7`.
#
#   tools/lm/make_ocr_pairs.sh OUT_DIR [N_TRAIN=1000] [N_EVAL=300]
#
# Writes OUT_DIR/train.tsv (held-in lines: learn the channel from these)
# and OUT_DIR/eval.tsv (held-out lines, never seen by the LM or the
# channel: vnplan-lm-eval --ocr-pairs). Each line "truth<TAB>ocr".
# Deterministic up to Tesseract. One core (OMP_THREAD_LIMIT=1, nice).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:?usage: make_ocr_pairs.sh OUT_DIR [N_TRAIN] [N_EVAL]}
N_TRAIN=${2:-1000}
N_EVAL=${3:-300}
BUILD_DIR=${BUILD_DIR:-build}
SHARED=${VNPLAN_SHARED:-$(cd .. && pwd)/shared}  # ../shared beside the repository
C="$SHARED/corpus"
PAIRS="$BUILD_DIR/tools/lm/vnplan-lm-pairs"
SYNTH="$BUILD_DIR/tools/synth/vnplan-synth"
export OMP_THREAD_LIMIT=1
mkdir -p "$OUT"
INPUTS=("$C/admin_khanhng29.txt.xz" "$C/vlc_legal.txt.xz"
        "$C/phapdien_diepxuan.txt.xz" "$C/unc_dantri.txt.xz")
for split in train eval; do
  if [[ $split == train ]]; then n=$N_TRAIN; s=held-in; else n=$N_EVAL; s=held-out; fi
  "$PAIRS" select --input "${INPUTS[@]}" --split $s --count "$n" > "$OUT/$split.lines.txt"
  rm -rf "$OUT/$split.img"
  nice "$SYNTH" lines -i "$OUT/$split.lines.txt" --out-dir "$OUT/$split.img" --dpi 300 --seed 7 >/dev/null
  ls "$OUT/$split.img"/*.png | sort > "$OUT/$split.list"
  # One Tesseract process for all images; pages are separated by \f.
  nice tesseract "$OUT/$split.list" "$OUT/$split.ocr" -l eng --psm 7 2>/dev/null
  python3 - "$OUT/$split.list" "$OUT/$split.ocr.txt" "$OUT/$split.tsv" <<'PY'
import sys
images = [l.strip() for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
pages = open(sys.argv[2], encoding='utf-8').read().split('\f')
with open(sys.argv[3], 'w', encoding='utf-8') as out:
    for img, ocr in zip(images, pages):
        truth = open(img[:-4] + '.gt.txt', encoding='utf-8').read().strip()
        ocr = ' '.join(ocr.split())
        if truth and ocr:
            out.write(truth.replace('\t', ' ') + '\t' + ocr.replace('\t', ' ') + '\n')
PY
  echo "$OUT/$split.tsv: $(wc -l < "$OUT/$split.tsv") pairs" >&2
done
