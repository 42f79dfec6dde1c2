#!/usr/bin/env python3
"""The sync benchmark's client: signs a seller up on a running vendly-server, connects the sandbox's
bench account through the Meta dialog, then has the sandbox publish a post every PUBLISH_EVERY
seconds and edit a recent one every EDIT_EVERY seconds for DURATION seconds, while the server's
polls turn them into drafts. Afterwards: the share of new product posts drafted within 2 minutes
(target >= 95%), p50/p95 post-to-draft latency (the post's Graph timestamp to the draft's
createdAt), and the Graph calls spent on the account against its budget. Which posts are products is
the core's answer (vendly-extract) on their captions. Exits 1 only when the figures are meaningless
(nothing published, the connection failed) or the budget was exceeded.

  sync_bench.py SERVER_URL SANDBOX_URL VENDLY_EXTRACT [DURATION_S]
"""
import datetime
import json
import subprocess
import sys
import time

from vendly_client import BENCH_IG, call, connected_seller, new_opener

PUBLISH_EVERY = 4.0
EDIT_EVERY = 10.0
ACCOUNT_BUDGET = 200  # calls per rolling 24 h behind the usage headers (the sandbox's default: 4800)
WITHIN = 120.0


def epoch(ts):
    # "2026-11-20T08:15:30+0000" (Graph) or "2026-11-20T08:15:30.123Z" (vendly)
    ts = ts.replace("Z", "+00:00")
    if len(ts) > 5 and ts[-5] in "+-" and ts[-3] != ":":
        ts = ts[:-2] + ":" + ts[-2:]
    return datetime.datetime.fromisoformat(ts).timestamp()


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def media(opener, sandbox):
    _, _, body = call(opener, "GET", f"{sandbox}/_sandbox/accounts/{BENCH_IG}/media")
    return {m["id"]: m for m in json.loads(body)["data"]}


def main():
    server, sandbox, extract = sys.argv[1], sys.argv[2], sys.argv[3]
    duration = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
    opener = new_opener()
    call(opener, "POST", sandbox + "/_sandbox/usage", {"account_budget": ACCOUNT_BUDGET})
    connected_seller(opener, server, sandbox, email_prefix="sync-bench")

    before = set(media(opener, sandbox))
    call(opener, "DELETE", sandbox + "/_sandbox/calls")
    times = int(duration / PUBLISH_EVERY)
    call(opener, "POST", sandbox + "/_sandbox/schedule",
         {"account": BENCH_IG, "action": "publish", "every_ms": int(PUBLISH_EVERY * 1000), "times": times})
    call(opener, "POST", sandbox + "/_sandbox/schedule",
         {"account": BENCH_IG, "action": "edit", "every_ms": int(EDIT_EVERY * 1000),
          "times": int(duration / EDIT_EVERY)})
    time.sleep(duration + 1)

    world = media(opener, sandbox)
    new = {i: m for i, m in world.items() if i not in before}
    if not new:
        print("sync: FAIL nothing was published")
        return 1
    lines = "".join(json.dumps({"id": i, "caption": m.get("caption", ""), "store_currency": "KES",
                                "media_type": m["media_type"],
                                "children": max(1, len(m.get("children", [])))}) + "\n"
                    for i, m in new.items())
    out = subprocess.run([extract], input=lines.encode(), capture_output=True, check=True).stdout
    products = {r["id"] for r in map(json.loads, out.decode().splitlines()) if r.get("is_product")}

    def drafted():
        first = {}
        page = 1
        while True:
            _, _, body = call(opener, "GET", f"{server}/api/products/drafts?status=all&limit=100&page={page}")
            data = json.loads(body)
            for d in data.get("drafts", []):
                t = epoch(d["createdAt"])
                first[d["igMediaId"]] = min(first.get(d["igMediaId"], t), t)
            if page >= data.get("pagination", {}).get("pages", 1):
                return first
            page += 1

    # Posts of the last seconds get up to 2 minutes too, at most 45 s past the end of the schedule.
    deadline = time.time() + 45
    while True:
        first = drafted()
        if all(i in first for i in products) or time.time() > deadline:
            break
        time.sleep(1)
    latencies, within = [], 0
    for i in products:
        if i in first:
            lat = first[i] - epoch(new[i]["timestamp"])
            latencies.append(lat)
            within += lat <= WITHIN
    _, _, body = call(opener, "GET", sandbox + "/_sandbox/calls")
    calls = json.loads(body)
    account = calls["by_account"].get(BENCH_IG, {"total": 0, "by_endpoint": {}})
    share = within / len(products) if products else 0.0
    print(f"sync: {len(new)} posts published in {duration:.0f} s (one per {PUBLISH_EVERY:.0f} s, an edit per "
          f"{EDIT_EVERY:.0f} s); {len(products)} are products by the core, {len(first.keys() & new.keys())} drafted")
    print(f"sync: drafted within 2 min: {within}/{len(products)} = {share * 100:.1f}% (target >= 95%)")
    if latencies:
        print(f"sync: post-to-draft latency p50 {percentile(latencies, 50):.1f} s, "
              f"p95 {percentile(latencies, 95):.1f} s, max {max(latencies):.1f} s")
    print(f"sync: Graph calls on the account: {account['total']} of its budget {ACCOUNT_BUDGET} per 24 h "
          f"({account['total'] * 100 / ACCOUNT_BUDGET:.0f}%), by endpoint {json.dumps(account['by_endpoint'])}")
    if account["total"] >= ACCOUNT_BUDGET:
        print("sync: FAIL the account's budget was reached")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
