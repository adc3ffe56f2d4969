#!/usr/bin/env bash
# Makes aligned (truth, Tesseract OCR) line pairs for the LM's OCR channels
# and their evaluation: held-in / held-out corpus lines rendered to images
# (vnplan-synth lines: several fonts, light scan degradation, 300 dpi) and
# OCR'd with `tesseract -l LANG --psm 7` (OMP_THREAD_LIMIT=1, nice).
#
#   tools/lm/make_pairs.sh eng OUT_DIR [N_HELD_IN=1000] [N_EVAL=300]
#   tools/lm/make_pairs.sh vie OUT_DIR [N_HELD_IN=1200] [N_EVAL=300]
#
# eng: the way text like seed 003 arises (English model on Vietnamese);
#   OUT_DIR/train.tsv (held-in: vnplan-lm-pairs learn) and OUT_DIR/eval.tsv
#   (held-out: vnplan-lm-eval --ocr-pairs). Render seed 7, one Tesseract
#   process.
# vie: the `vie` diacritic channel (models/lm/vie_channel.tsv);
#   OUT_DIR/train.tsv (the first 80 % of the held-in pairs: vnplan-lm-pairs
#   learn-vie), OUT_DIR/dev.tsv (the last 20 %, for tuning only) and
#   OUT_DIR/eval.tsv (held-out: vnplan-lm-eval --vie-pairs). Render seed
#   11, two Tesseract processes.
# Held-out lines (FNV-1a % 100 == 0) are never seen by the LM or a channel.
# Each line "truth<TAB>ocr", in image order. Deterministic up to Tesseract.
set -euo pipefail
cd "$(dirname "$0")/../.."
USAGE="usage: make_pairs.sh eng|vie OUT_DIR [N_HELD_IN] [N_EVAL]"
LANG_OCR=${1:?$USAGE}
OUT=${2:?$USAGE}
case "$LANG_OCR" in
  eng) N_IN=${3:-1000}; SEED=7; PROCS=1 ;;
  vie) N_IN=${3:-1200}; SEED=11; PROCS=2 ;;
  *) echo "$USAGE" >&2; exit 2 ;;
esac
N_EVAL=${4:-300}
BUILD_DIR=${BUILD_DIR:-build}
SHARED=${VNPLAN_SHARED:-$(cd .. && pwd)/shared}  # ../shared beside the repository
C="$SHARED/corpus"
PAIRS="$BUILD_DIR/tools/lm/vnplan-lm-pairs"
SYNTH="$BUILD_DIR/tools/synth/vnplan-synth"
export OMP_THREAD_LIMIT=1
mkdir -p "$OUT"
INPUTS=("$C/admin_khanhng29.txt.xz" "$C/vlc_legal.txt.xz"
        "$C/phapdien_diepxuan.txt.xz" "$C/unc_dantri.txt.xz")
for split in in eval; do
  if [[ $split == in ]]; then n=$N_IN; s=held-in; else n=$N_EVAL; s=held-out; fi
  "$PAIRS" select --input "${INPUTS[@]}" --split $s --count "$n" > "$OUT/$split.lines.txt"
  rm -rf "$OUT/$split.img"
  nice "$SYNTH" lines -i "$OUT/$split.lines.txt" --out-dir "$OUT/$split.img" --dpi 300 \
    --seed "$SEED" >/dev/null
  ls "$OUT/$split.img"/*.png | sort > "$OUT/$split.list"
  # PROCS Tesseract processes over interleaved images; pages are separated
  # by \f.
  pids=()
  for ((k = 0; k < PROCS; k++)); do
    awk -v k=$k -v n=$PROCS '(NR - 1) % n == k' "$OUT/$split.list" > "$OUT/$split.list.$k"
    nice tesseract "$OUT/$split.list.$k" "$OUT/$split.ocr$k" -l "$LANG_OCR" --psm 7 2>/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  python3 - "$OUT" "$split" "$PROCS" "$LANG_OCR" <<'PY'
import sys, os
out_dir, split, procs, lang = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
pairs = []
for k in range(procs):
    images = [l.strip() for l in open(f'{out_dir}/{split}.list.{k}', encoding='utf-8') if l.strip()]
    pages = open(f'{out_dir}/{split}.ocr{k}.txt', encoding='utf-8').read().split('\f')
    for img, ocr in zip(images, pages):
        truth = open(img[:-4] + '.gt.txt', encoding='utf-8').read().strip()
        ocr = ' '.join(ocr.split())
        if truth and ocr:
            pairs.append((os.path.basename(img), truth.replace('\t', ' '), ocr.replace('\t', ' ')))
pairs.sort()
def write(name, rows):
    with open(f'{out_dir}/{name}.tsv', 'w', encoding='utf-8') as f:
        for _, t, o in rows:
            f.write(t + '\t' + o + '\n')
    print(f'{out_dir}/{name}.tsv: {len(rows)} pairs', file=sys.stderr)
if split == 'eval':
    write('eval', pairs)
elif lang == 'vie':
    cut = len(pairs) * 4 // 5
    write('train', pairs[:cut])
    write('dev', pairs[cut:])
else:
    write('train', pairs)
PY
done
