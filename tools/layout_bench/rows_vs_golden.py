#!/usr/bin/env python3
"""Per criterion row of `vnplan tables` output: its confidence and how many
of its fields differ from a golden plan JSON (similarity < 0.95, difflib,
the fields the seed 003 golden holds). Prints each row, then the mean
confidence of rows with 0, 1-2 and 3+ wrong fields, and the AUC of the
content fields' `field_confidence` (and of their row's `confidence`) for
telling right fields from wrong ones (fields empty in the golden left out).

  python3 tools/layout_bench/rows_vs_golden.py GOLDEN.json OUT.json
"""
import difflib
import json
import sys

CONTENT = ["expected_result", "actions", "responsible", "timeline", "budget", "other_support",
           "notes"]
FIELDS = ["criterion_label", "expected_result", "actions", "responsible", "timeline",
          "budget", "other_support", "notes"]


def similarity(a, b):
    return difflib.SequenceMatcher(None, str(a), str(b)).ratio()


def auc(right, wrong):
    """P(a right field scores above a wrong one), ties counting half."""
    if not right or not wrong:
        return float("nan")
    wins = sum(1.0 if r > w else 0.5 if r == w else 0.0 for r in right for w in wrong)
    return wins / len(right) / len(wrong)


def main():
    golden = json.load(open(sys.argv[1]))["criteria"]
    got = json.load(open(sys.argv[2]))["criteria"]
    groups = {"0": [], "1-2": [], "3+": []}
    for want, have in zip(golden, got):
        wrong = sum(1 for f in FIELDS if similarity(want[f], have.get(f, "")) < 0.95)
        print(f"{have['criterion'] or '-':6} confidence {have['confidence']:.3f} wrong {wrong}")
        groups["0" if wrong == 0 else "1-2" if wrong < 3 else "3+"].append(have["confidence"])
    for name, values in groups.items():
        if values:
            print(f"rows with {name} wrong fields: {len(values)}, mean confidence "
                  f"{sum(values) / len(values):.3f}")
    scores = {"field_confidence": ([], []), "row confidence": ([], [])}
    for want, have in zip(golden, got):
        for f in CONTENT:
            if not want.get(f):
                continue
            right = similarity(want[f], have.get(f, "")) >= 0.95
            field = (have.get("field_confidence") or {}).get(f)
            scores["field_confidence"][0 if right else 1].append(1.0 if field is None else field)
            scores["row confidence"][0 if right else 1].append(have["confidence"])
    for name, (right, wrong) in scores.items():
        print(f"AUC of {name} for right vs wrong content fields ({len(right)} right, "
              f"{len(wrong)} wrong): {auc(right, wrong):.3f}")


if __name__ == "__main__":
    main()
