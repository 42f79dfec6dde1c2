#!/usr/bin/env python3
"""Runs vendly-extract over the labelled fixtures and fails when a figure drops below its floor.

usage: check_floors.py --cli build/bin/vendly-extract --fixtures tests/fixtures [--report]

Figures: the dev captions scored by score_extraction.py (the scorer the engine is judged by), the
held-out captions (captions-holdout.jsonl: posts scored the same way, plus marketplace listings with and
without a price; engine work must never read that file) and the price-parser examples (`amount` is the
answer). Floors live in floors.json beside this file.
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


def holdout_report(cli, path, report):
    """The held-out captions (written to LABELING.md, never used to build rules): the posts scored as
    the dev set is, and the marketplace listings (rows with a "subset") counted the way issue 10 counts
    them. Returns the figures the floors may name."""
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
    rows = [json.loads(l) for l in lines]
    predicted = run_cli(cli, [], lines)
    by_id = {p["id"]: p for p in predicted}
    posts = [r for r in rows if not r.get("subset")]
    res = score_extraction.score(posts, [by_id[r["id"]] for r in posts if r["id"] in by_id])
    fa = res["field_accuracy_on_matched"]
    print(f"captions-holdout: posts {res['posts']} is_product {res['is_product_accuracy']:.3f} "
          f"recall {res['product_recall']:.3f} precision {res['product_precision']:.3f}")
    print("  fields: " + " ".join(f"{k} {v:.3f}" for k, v in fa.items()))
    aap = res["auto_approve_precision"]
    print(f"  auto-approve precision {'n/a' if aap is None else f'{aap:.3f}'} coverage {res['auto_approve_coverage']:.3f}")
    print(f"  product zero-edit {res['product_zero_edit_rate']:.3f} post zero-edit {res['post_zero_edit_rate']:.3f}")
    if report:
        for f in res["failures"]:
            print("  HOLDOUT FAIL", json.dumps(f))

    def products(r):
        p = by_id.get(r["id"]) or {}
        return (p.get("products") or []) if p.get("is_product") else []

    priced = [r for r in rows if r.get("subset") == "listing_priced"]
    found = [r for r in priced if products(r)]
    priced_right = [r for r in found if any(amount_equal(r["expected"]["products"][0]["price"], p.get("price"))
                                            for p in products(r))]
    titles = [r for r in rows if r.get("subset") == "listing_title"]
    drafted = [r for r in titles if products(r)]
    null_price = [r for r in drafted if all(p.get("price") is None for p in products(r))]
    invented = [r for r in titles if any(p.get("price") is not None for p in products(r))]
    print(f"  listings with a price: found {len(found)} of {len(priced)}, priced right {len(priced_right)} of "
          f"{len(found)}")
    print(f"  listing titles with no price: drafted as products {len(drafted)} of {len(titles)}, price null "
          f"{len(null_price)} of {len(drafted)}, prices invented {len(invented)}")
    if report:
        for r in priced:
            if r not in priced_right:
                print("  LISTING", json.dumps({"id": r["id"], "want": r["expected"]["products"][0]["price"],
                                               "got": [p.get("price") for p in products(r)]}))
        for r in titles:
            if r not in null_price:
                print("  TITLE", json.dumps({"id": r["id"], "caption": r["caption"],
                                             "got": [[p.get("name"), p.get("price")] for p in products(r)]},
                                            ensure_ascii=False))
    return {
        "post_zero_edit_rate": res["post_zero_edit_rate"],
        "is_product_accuracy": res["is_product_accuracy"],
        "price_on_matched": fa["price"],
        "listings_found": len(found) / max(1, len(priced)),
        "listings_priced_right": len(priced_right) / max(1, len(found)),
        "titles_drafted_null_price": len(null_price) / max(1, len(titles)),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--report", action="store_true", help="print the failures too (dev set and price examples)")
    ap.add_argument("--holdout-details", action="store_true",
                    help="print the held-out failures too (for whoever labels the held-out set, not for engine work)")
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

    failed = []
    holdout_path = os.path.join(a.fixtures, "captions-holdout.jsonl")
    hold = holdout_report(a.cli, holdout_path, a.holdout_details) if os.path.exists(holdout_path) else None

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

    for k, floor in floors.get("captions_holdout", {}).items():
        if hold is None:
            failed.append(f"holdout {k}: {holdout_path} is missing")
        elif hold[k] + 1e-9 < floor:
            failed.append(f"holdout {k} {hold[k]:.3f} < floor {floor}")
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
