#!/usr/bin/env python3
"""Auto-approve precision and coverage on the dev set with and without a model's second opinion.

usage: second_opinion.py --cli build/bin/vendly-extract --fixtures tests/fixtures [--json] [--check]
                         [--noise-seed N] [--noise-right-rate R]

The engine reads every dev post (captions-dev.jsonl; never the held-out or calibration files) and
the core merges each post with a model's whole answer (`vendly-extract --with-model`: the core's
MergeSecondOpinions and MayAutoApprove, as the server applies them; nothing of the merge is
re-implemented here). Each run stands for one model, answering for every post (VENDLY_AI_MODE=all):
  - none: no model (the engine alone);
  - right: the labels, each value quoting the caption text it comes from, as a model that reads
    every post right would answer (a labelled value whose spelling is not found in the caption is
    left out, as the core would drop it);
  - wrong_prices: the same with every price replaced by price * 10 + 100, still quoting the
    caption's price text (a confidently wrong model, as the sandbox's wrong_prices mode);
  - noisy: the labels with each field right with probability R (default 0.8, seeded) and otherwise
    wrong: another caption line as the name, price * 1.5, another currency quoting the same mark,
    another category, a list missing its last entry.
Scored as score_extraction.py scores the engine (products matched by name keywords and price, a
product right when every field is): auto-approve precision is the share of auto-approved products
that are right, coverage the right auto-approved products over the labelled products.

--check fails (exit 1) unless: with wrong prices, the model disputes some prices, no product whose
price is disputed is auto-approved, every disputed price shows both readings (the engine's and the
model's) and no auto-approved product carries the model's price; with the right model, coverage is
not lower than without and no product on which the model agrees (no field disputed or taken from
the model) has a lower confidence than the engine gave it. Behaviour only, not the figures.
"""
import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_extraction  # noqa: E402

DEV = "captions-dev.jsonl"
POST_KEYS = ("id", "caption", "store_currency", "media_type", "children")
# How a seller spells each currency (the mark a model quotes for it).
CURRENCY_MARKS = {
    "KES": ["KES", "Kshs", "Ksh", "bob", "/="],
    "UGX": ["UGX", "Ushs", "USh", "shs", "/="],
    "TZS": ["TZS", "Tsh", "/="],
    "RWF": ["RWF", "Frw"],
    "NGN": ["NGN", "\u20a6", "naira"],
    "USD": ["USD", "$"],
}


def run_cli(cli, args, lines):
    proc = subprocess.run([cli] + args, input="\n".join(lines) + "\n", capture_output=True,
                          text=True, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"{cli} exited {proc.returncode}: {proc.stderr[:2000]}")
    out = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    errors = [o for o in out if "error" in o]
    if errors:
        sys.exit(f"{cli} {' '.join(args)}: {errors[0]}")
    return out


def find_folded(caption, spellings):
    lower = caption.lower()
    for s in spellings:
        if s and s.lower() in lower:
            return s
    return None


def amount_spellings(amount):
    if amount != int(amount):
        return [repr(float(amount))]
    whole = int(amount)
    plain, grouped = str(whole), f"{whole:,}"
    out = [grouped, plain, grouped.replace(",", ".")]
    if whole >= 1000 and whole % 100 == 0:
        k, rest = divmod(whole, 1000)
        out.append(f"{k}.{rest // 100}k" if rest else f"{k}k")
    return out


def name_quote(caption, product):
    """The caption line holding most of the name's keywords (at least one)."""
    words = [w.lower() for w in product.get("name_keywords") or []]
    best, best_hits = None, 0
    for line in caption.split("\n"):
        hits = sum(1 for w in words if w in line.lower())
        if hits > best_hits:
            best, best_hits = line.strip(), hits
    return best


def quoted(value, quote):
    return {"value": value, "quote": quote} if quote else None


def label_item(caption, p):
    """What a model that reads the post right answers for labelled product p, with its quotes."""
    item = {"category": p.get("category")}
    if isinstance(p.get("name"), str):
        item["name"] = quoted(p["name"], name_quote(caption, p))
    for key in ("price", "compare_at_price"):
        if isinstance(p.get(key), (int, float)):
            item[key] = quoted(p[key], find_folded(caption, amount_spellings(p[key])))
    if isinstance(p.get("currency"), str):
        marks = CURRENCY_MARKS.get(p["currency"], [p["currency"]])
        item["currency"] = quoted(p["currency"], find_folded(caption, marks))
    for key in ("sizes", "colors"):
        values = p.get(key) or []
        if values:
            item[key] = quoted(values, find_folded(caption, values))
    return {k: v for k, v in item.items() if v is not None}


def unquoted_values(row):
    """Labelled values the right model leaves out: their spelling is not in the caption."""
    n = 0
    for p in row["expected"]["products"]:
        item = label_item(row["caption"], p)
        n += sum(1 for k in ("name", "price", "compare_at_price", "currency")
                 if isinstance(p.get(k), (str, int, float)) and k not in item)
        n += sum(1 for k in ("sizes", "colors") if p.get(k) and k not in item)
    return n


def right_answer(row):
    items = [label_item(row["caption"], p) for p in row["expected"]["products"]]
    return {"is_product": bool(row["expected"]["is_product"]), "items": items}


def wrong_prices_answer(row):
    answer = right_answer(row)
    for item in answer["items"]:
        if "price" in item:
            item["price"] = dict(item["price"], value=item["price"]["value"] * 10 + 100)
    return answer


def noisy_answer(row, rng, right_rate, categories):
    answer = right_answer(row)
    lines = [l.strip() for l in row["caption"].split("\n") if l.strip()]
    for item in answer["items"]:
        for key in list(item):
            if rng.random() < right_rate:
                continue
            v = item[key]
            if key == "name":
                others = [l for l in lines if l != v["quote"]]
                if others:
                    line = rng.choice(others)
                    item[key] = {"value": line, "quote": line}
                else:
                    del item[key]
            elif key in ("price", "compare_at_price"):
                item[key] = dict(v, value=round(v["value"] * 1.5 + 1))
            elif key == "currency":
                item[key] = dict(v, value="USD" if v["value"] != "USD" else "KES")
            elif key == "category":
                item[key] = rng.choice([c for c in categories if c != v])
            elif len(v["value"]) > 1:
                item[key] = dict(v, value=v["value"][:-1])
            else:
                del item[key]
    return answer


def score_run(rows, results):
    """Auto-approve figures of one run, and the products for the checks."""
    by_id = {r["id"]: r for r in results}
    n_expected = auto = auto_right = right = 0
    products = []  # (post id, index, product, matched expected product or None)
    for row in rows:
        expected = row["expected"]["products"]
        got = by_id[row["id"]]["products"]
        n_expected += len(expected)
        matched = dict((j, i) for i, j in score_extraction.match(expected, got))
        for j, p in enumerate(got):
            e = expected[matched[j]] if j in matched else None
            ok = e is not None and all(score_extraction.field_results(e, p).values())
            right += ok
            if p["auto_approve"]:
                auto += 1
                auto_right += ok
            products.append((row["id"], j, p, e))
    return {
        "auto_approved": auto,
        "auto_approve_precision": auto_right / auto if auto else None,
        "auto_approve_coverage": auto_right / max(1, n_expected),
        "product_zero_edit_rate": right / max(1, n_expected),
        "prices_disputed": sum(1 for *_, p, _e in products if p["price_disputed"]),
        "fields_taken_from_model": sum(
            1 for *_, p, _e in products for s in p["sources"].values() if s == "model"),
        "fields_disputed": sum(len(p["disputes"]) for *_, p, _e in products),
        "model_values_dropped": sum(len(p["dropped"]) for *_, p, _e in products),
        # Disputes where the engine's name passes the scorer (names worded differently).
        "name_disputes_engine_right": sum(
            1 for *_, p, e in products if "name" in p["disputes"] and e is not None
            and score_extraction.field_results(e, p)["name"]),
    }, products


def checks(runs, answers):
    """The behaviours --check holds; each failure as a sentence."""
    failures = []
    _, wrong = runs["wrong_prices"]
    disputed = [(pid, j, p) for pid, j, p, _e in wrong if p["price_disputed"]]
    if not disputed:
        failures.append("wrong_prices: the model disputed no price")
    for pid, j, p in disputed:
        if p["auto_approve"]:
            failures.append(f"wrong_prices: {pid}#{j} auto-approved with its price disputed")
        reading = p["disputes"].get("price") or {}
        if reading.get("engine") is None or reading.get("model") is None \
                or reading["engine"] == reading["model"]:
            failures.append(f"wrong_prices: {pid}#{j} does not show both price readings: {reading}")
    for pid, j, p, _e in wrong:
        items = answers["wrong_prices"][pid]["items"]
        model_price = (items[j].get("price") or {}).get("value") if j < len(items) else None
        if p["auto_approve"] and model_price is not None and p["price"] == model_price:
            failures.append(f"wrong_prices: {pid}#{j} auto-approved at the model's wrong price")
    none_figures, none_products = runs["none"]
    right_figures, right_products = runs["right"]
    if right_figures["auto_approve_coverage"] < none_figures["auto_approve_coverage"]:
        failures.append(f"right: coverage {right_figures['auto_approve_coverage']:.3f} below the "
                        f"engine's {none_figures['auto_approve_coverage']:.3f}")
    engine = {(pid, j): p for pid, j, p, _e in none_products}
    for pid, j, p, _e in right_products:
        agreed = not p["disputes"] and "model" not in p["sources"].values()
        if agreed and p["confidence"] < engine[(pid, j)]["confidence"]:
            failures.append(f"right: {pid}#{j} agreed but its confidence fell "
                            f"{engine[(pid, j)]['confidence']} -> {p['confidence']}")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--noise-seed", type=int, default=11)
    ap.add_argument("--noise-right-rate", type=float, default=0.8)
    args = ap.parse_args()

    with open(os.path.join(args.fixtures, DEV), encoding="utf-8") as f:
        rows = [json.loads(l) for l in f if l.strip()]
    categories = json.loads(subprocess.run([args.cli, "--constants"], capture_output=True,
                                           text=True, check=True).stdout)["categories"]
    rng = random.Random(args.noise_seed)
    answers = {
        "none": {r["id"]: None for r in rows},
        "right": {r["id"]: right_answer(r) for r in rows},
        "wrong_prices": {r["id"]: wrong_prices_answer(r) for r in rows},
        "noisy": {r["id"]: noisy_answer(r, rng, args.noise_right_rate, categories) for r in rows},
    }
    runs = {}
    for name, by_id in answers.items():
        lines = [json.dumps(dict({k: r[k] for k in POST_KEYS if k in r}, model=by_id[r["id"]]),
                            ensure_ascii=False) for r in rows]
        runs[name] = score_run(rows, run_cli(args.cli, ["--with-model"], lines))

    figures = {name: run[0] for name, run in runs.items()}
    unquoted = sum(unquoted_values(r) for r in rows)
    if args.json:
        print(json.dumps({"posts": len(rows), "unquoted_label_values": unquoted,
                          "noise_seed": args.noise_seed,
                          "noise_right_rate": args.noise_right_rate, "runs": figures}, indent=1))
    else:
        print(f"dev set: {len(rows)} posts; every post sent to the model (mode all); auto-approve "
              f"line 0.9 and no disputed price; {unquoted} labelled values have no spelling in "
              f"their caption, so the models leave them out")
        for name, f in figures.items():
            label = f"noisy (right {args.noise_right_rate}, seed {args.noise_seed})" \
                if name == "noisy" else name
            prec = f["auto_approve_precision"]
            print(f"  {label:32} auto-approve precision {'n/a' if prec is None else f'{prec:.3f}'}"
                  f"  coverage {f['auto_approve_coverage']:.3f}  ({f['auto_approved']} products)"
                  f"  zero-edit {f['product_zero_edit_rate']:.3f}  prices disputed "
                  f"{f['prices_disputed']}  fields disputed {f['fields_disputed']}, from model "
                  f"{f['fields_taken_from_model']}, dropped {f['model_values_dropped']}; name "
                  f"disputes with the engine's name right {f['name_disputes_engine_right']}")
    if args.check:
        failures = checks(runs, answers)
        for line in failures[:20]:
            print("FAIL " + line, file=sys.stderr)
        if failures:
            sys.exit(f"{len(failures)} second-opinion check(s) failed")
        print("second-opinion checks passed")


if __name__ == "__main__":
    main()
