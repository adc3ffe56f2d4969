#!/usr/bin/env python3
"""Per criterion row of `vnplan tables` output: its confidence and how many
of its fields differ from a golden plan JSON (similarity < 0.95, difflib,
the fields the seed 003 golden holds). Prints each row, then the mean
confidence of rows with 0, 1-2 and 3+ wrong fields.

  python3 tools/layout_bench/rows_vs_golden.py GOLDEN.json OUT.json
"""
import difflib
import json
import sys

FIELDS = ["criterion_label", "expected_result", "actions", "responsible", "timeline",
          "budget", "other_support", "notes"]


def main():
    golden = json.load(open(sys.argv[1]))["criteria"]
    got = json.load(open(sys.argv[2]))["criteria"]
    groups = {"0": [], "1-2": [], "3+": []}
    for want, have in zip(golden, got):
        wrong = sum(1 for f in FIELDS
                    if difflib.SequenceMatcher(None, str(want[f]), str(have.get(f, ""))).ratio() < 0.95)
        print(f"{have['criterion'] or '-':6} confidence {have['confidence']:.3f} wrong {wrong}")
        groups["0" if wrong == 0 else "1-2" if wrong < 3 else "3+"].append(have["confidence"])
    for name, values in groups.items():
        if values:
            print(f"rows with {name} wrong fields: {len(values)}, mean confidence "
                  f"{sum(values) / len(values):.3f}")


if __name__ == "__main__":
    main()
