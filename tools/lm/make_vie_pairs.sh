#!/usr/bin/env bash
# Makes aligned (truth, Tesseract-vie OCR) line pairs for the `vie` OCR
# channel (models/lm/vie_channel.tsv) and its evaluation: corpus lines
# rendered with vnplan-synth lines (several fonts, light scan degradation,
# 300 dpi) and OCR'd with `tesseract -l vie --psm 7`, two processes in
# parallel (OMP_THREAD_LIMIT=1, nice).
#
#   tools/lm/make_vie_pairs.sh OUT_DIR [N_HELD_IN=1200] [N_EVAL=300]
#
# Writes OUT_DIR/train.tsv (held-in lines: the channel learns from these),
# OUT_DIR/dev.tsv (the last 20 % of the held-in pairs, for tuning only; not
# learned from) and OUT_DIR/eval.tsv (held-out lines, FNV-1a % 100 == 0,
# never seen by the LM or the channel: vnplan-lm-eval --vie-pairs).
# Each line "truth<TAB>ocr". Deterministic up to Tesseract.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:?usage: make_vie_pairs.sh OUT_DIR [N_HELD_IN] [N_EVAL]}
N_IN=${2:-1200}
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
for split in in eval; do
  if [[ $split == in ]]; then n=$N_IN; s=held-in; else n=$N_EVAL; s=held-out; fi
  "$PAIRS" select --input "${INPUTS[@]}" --split $s --count "$n" > "$OUT/$split.lines.txt"
  rm -rf "$OUT/$split.img"
  nice "$SYNTH" lines -i "$OUT/$split.lines.txt" --out-dir "$OUT/$split.img" --dpi 300 --seed 11 >/dev/null
  ls "$OUT/$split.img"/*.png | sort > "$OUT/$split.list"
  # Two Tesseract processes (odd/even images); pages are separated by \f.
  awk 'NR % 2 == 1' "$OUT/$split.list" > "$OUT/$split.list.0"
  awk 'NR % 2 == 0' "$OUT/$split.list" > "$OUT/$split.list.1"
  nice tesseract "$OUT/$split.list.0" "$OUT/$split.ocr0" -l vie --psm 7 2>/dev/null &
  p0=$!
  nice tesseract "$OUT/$split.list.1" "$OUT/$split.ocr1" -l vie --psm 7 2>/dev/null
  wait $p0
  python3 - "$OUT" "$split" <<'PY'
import sys, os
out_dir, split = sys.argv[1], sys.argv[2]
pairs = []
for k in (0, 1):
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
if split == 'in':
    cut = len(pairs) * 4 // 5
    write('train', pairs[:cut])
    write('dev', pairs[cut:])
else:
    write('eval', pairs)
PY
done
