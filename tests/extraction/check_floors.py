#!/usr/bin/env python3
"""Runs vendly-extract over the labelled fixtures and fails when a figure drops below its floor.

usage: check_floors.py --cli build/bin/vendly-extract --fixtures tests/fixtures [--report]

Figures: the dev captions scored by score_extraction.py (the scorer the engine is judged by) and the
price-parser examples (`amount` is the answer). Floors live in floors.json beside this file.
"""
import argparse
import json
import os
import subprocess
import sys
from decimal import Decimal, InvalidOperation

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_extraction  # noqa: E402


def run_cli(cli, args, lines):
    proc = subprocess.run([cli] + args, input="\n".join(lines) + "\n", capture_output=True, text=True,
                          timeout=300)
    if proc.returncode != 0:
        sys.exit(f"{cli} exited {proc.returncode}: {proc.stderr[:2000]}")
    return [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]


def amount_equal(expected, got):
    if expected is None or got is None:
        return expected is None and got is None
    try:
        return abs(Decimal(str(expected)) - Decimal(str(got))) < Decimal("0.0001")
    except InvalidOperation:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--report", action="store_true", help="print the failures too")
    a = ap.parse_args()
    floors = json.load(open(os.path.join(HERE, "floors.json")))

    dev_lines = [l for l in open(os.path.join(a.fixtures, "captions-dev.jsonl"), encoding="utf-8") if l.strip()]
    expected = [json.loads(l) for l in dev_lines]
    predicted = run_cli(a.cli, [], [l.rstrip("\n") for l in dev_lines])
    res = score_extraction.score(expected, predicted)
    fa = res["field_accuracy_on_matched"]
    got = {
        "post_zero_edit_rate": res["post_zero_edit_rate"],
        "is_product_accuracy": res["is_product_accuracy"],
        "price_on_matched": fa["price"],
        "auto_approve_precision": res["auto_approve_precision"] or 0.0,
    }
    print(f"captions-dev: posts {res['posts']} is_product {res['is_product_accuracy']:.3f} "
          f"recall {res['product_recall']:.3f} precision {res['product_precision']:.3f}")
    print("  fields: " + " ".join(f"{k} {v:.3f}" for k, v in fa.items()))
    print(f"  auto-approve precision {got['auto_approve_precision']:.3f} coverage {res['auto_approve_coverage']:.3f}")
    print(f"  product zero-edit {res['product_zero_edit_rate']:.3f} post zero-edit {res['post_zero_edit_rate']:.3f}")
    if a.report:
        for f in res["failures"]:
            print("  FAIL", json.dumps(f))

    price_lines = [l for l in open(os.path.join(a.fixtures, "price-parser-examples.jsonl"), encoding="utf-8")
                   if l.strip()]
    examples = [json.loads(l) for l in price_lines]
    inputs = [json.dumps({k: e.get(k) for k in ("price_raw", "currency_raw", "decimal_separator")})
              for e in examples]
    outputs = run_cli(a.cli, ["--price"], inputs)
    right = 0
    for e, o in zip(examples, outputs):
        if amount_equal(e["amount"], o.get("amount")):
            right += 1
        elif a.report:
            print("  PRICE", json.dumps({"raw": e["price_raw"], "hint": e["currency_raw"],
                                         "want": e["amount"], "got": o.get("amount")}, ensure_ascii=False))
    got_price = right / len(examples)
    print(f"price-parser examples: {right}/{len(examples)} amounts right ({got_price:.3f})")

    failed = []
    for k, floor in floors["captions_dev"].items():
        if got[k] + 1e-9 < floor:
            failed.append(f"{k} {got[k]:.3f} < floor {floor}")
    if got_price + 1e-9 < floors["price_parser_examples"]["amount_accuracy"]:
        failed.append(f"price amount accuracy {got_price:.3f} < floor "
                      f"{floors['price_parser_examples']['amount_accuracy']}")
    for f in failed:
        print("BELOW FLOOR:", f)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
