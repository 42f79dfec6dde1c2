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
import re
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


def group_digits(n, sep):
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    return sep.join([s] + parts)


# Every spelling of each currency a seller types (LABELING.md), and where it stands.
MARK_SPELLINGS = {
    "KES": [("Ksh", "before"), ("Kshs", "before"), ("KES", "before"), ("Sh", "before"), ("bob", "after")],
    "UGX": [("UGX", "before"), ("USh", "before"), ("Ugx", "before"), ("UGX", "after")],
    "TZS": [("TSh", "before"), ("TZS", "before"), ("Tsh", "before"), ("TSh", "after")],
    "RWF": [("Frw", "after"), ("Rwf", "after"), ("RWF", "before"), ("RWF", "after")],
    "NGN": [("₦", "before"), ("NGN", "before"), ("N", "before")],
    "USD": [("$", "before"), ("USD", "before")],
}


def price_rewrites(row):
    """The row's caption with its price re-spelt in each digit grouping a seller uses (issue 10's
    "unseen posts rewritten without changing their price"). Only rows with one product whose price
    (>= 1000, whole) is written exactly once as a grouped or plain number; the original spelling is left out."""
    prods = row["expected"]["products"]
    if len(prods) != 1 or not isinstance(prods[0]["price"], int) or prods[0]["price"] < 1000:
        return []
    n = prods[0]["price"]
    cap = row["caption"]
    hits = []
    for sep in (",", " ", "\u00a0", ".", ""):
        text = group_digits(n, sep)
        for m in re.finditer(r"(?<![\d.,])" + re.escape(text) + r"(?![\d]|[.,]\d)", cap):
            hits.append((m.start(), m.end(), text))
    if len(hits) != 1:
        return []
    b, e, orig = hits[0]
    forms = [group_digits(n, sep) for sep in (",", " ", "\u00a0", "", ".")]
    if row["store_currency"] == "USD":
        forms.pop()
    if n % 100 == 0 and n < 1000000:
        forms.append(f"{n // 1000}k" if n % 1000 == 0 else f"{n // 1000}.{n % 1000 // 100}k")
    out = [("grouping", cap[:b] + f + cap[e:]) for f in forms if f != orig]
    # the currency mark next to the price, re-spelt in the currency's other spellings
    cur = prods[0]["currency"]
    spellings = MARK_SPELLINGS.get(cur, [])
    before = re.search(r"(?<![A-Za-z])(" + "|".join(re.escape(m) for m, _ in spellings) + r") ?$", cap[:b])
    after = re.match(r" ?(" + "|".join(re.escape(m) for m, pos in spellings if pos == "after") + r")(?![A-Za-z])",
                     cap[e:])
    if before:
        for m, pos in spellings:
            if m != before.group(1) and pos == "before":
                glue = "" if m in ("₦", "$", "N") else " "
                out.append(("mark", cap[:before.start()] + m + glue + cap[b:]))
    elif after:
        for m, pos in spellings:
            if m != after.group(1):
                out.append(("mark", cap[:b] + (f"{m} {orig}" if pos == "before" and m not in ("₦", "$", "N")
                                               else f"{m}{orig}" if pos == "before" else f"{orig} {m}")
                            + cap[e + after.end():]))
    return out


def rewrite_report(cli, rows, report):
    """Rows rewritten without changing their price (price_rewrites); prints price and currency kept and
    wrong prices at confidence >= 0.9, returns the kept share."""
    rewrites = []
    for r in rows:
        for i, (kind, cap) in enumerate(price_rewrites(r)):
            rewrites.append((r, dict(r, id=f"{r['id']}-r{i}", caption=cap, kind=kind)))
    got = run_cli(cli, [], [json.dumps({k: w[k] for k in ("id", "caption", "store_currency", "media_type",
                                                              "children")}, ensure_ascii=False)
                            for _, w in rewrites])
    kept = confident_wrong = 0
    kept_by = {"grouping": 0, "mark": 0}
    for (r, w), g in zip(rewrites, got):
        want = r["expected"]["products"][0]["price"]
        preds = (g.get("products") or []) if g.get("is_product") else []
        pairs = score_extraction.match(r["expected"]["products"], preds)
        want_cur = r["expected"]["products"][0]["currency"]
        if pairs and amount_equal(want, preds[pairs[0][1]].get("price")) and (
                preds[pairs[0][1]].get("currency") or "").upper() == want_cur:
            kept += 1
            kept_by[w["kind"]] += 1
        elif report:
            print("  REWRITE", json.dumps({"id": w["id"], "caption": w["caption"], "want": want,
                                           "got": [p.get("price") for p in preds]}, ensure_ascii=False))
        confident_wrong += sum(1 for p in preds if (p.get("confidence") or 0) >= 0.9
                               and not amount_equal(want, p.get("price")))
    n_by = {k: sum(1 for _, w in rewrites if w["kind"] == k) for k in kept_by}
    print(f"  rewritten without changing the price: price and currency kept {kept} of {len(rewrites)} "
          f"({kept / max(1, len(rewrites)):.3f}; digit grouping {kept_by['grouping']}/{n_by['grouping']}, "
          f"currency spelling {kept_by['mark']}/{n_by['mark']}), a wrong price at confidence >= 0.9: {confident_wrong}")
    return kept / max(1, len(rewrites))


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
    kept_rate = rewrite_report(cli, [r for r in rows if r.get("subset") != "listing_title"], report)
    return {
        "rewrites_price_kept": kept_rate,
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
    got["rewrites_price_kept"] = rewrite_report(a.cli, expected, a.report)

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
