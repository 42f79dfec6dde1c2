#!/usr/bin/env python3
"""The scan benchmark's client: signs a seller up on a running vendly-server, connects the sandbox's
1,000-post bench account through the Meta dialog (over HTTP, as a browser would), starts a scan of
every post and times it until the scan reports completed. Prints figures; checks (and exits 1 on)
only what makes the figures meaningless: a scan that fails or misses posts.

  scan_bench.py SERVER_URL SANDBOX_URL [RUNS]
"""
import json
import sys
import time

from vendly_client import BENCH_IG, call, connected_seller, new_opener

LISTING = "GET /{ig-user-id}/media"


def main():
    server, sandbox = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    opener = new_opener()
    connected_seller(opener, server, sandbox, email_prefix="bench")

    times, calls = [], []
    for run in range(runs):
        call(opener, "DELETE", sandbox + "/_sandbox/calls")
        t0 = time.monotonic()
        status, _, body = call(opener, "POST", server + "/api/instagram/scan",
                               {"limit": 1000, "includeVideos": True, "includeCarousels": True})
        assert status == 202, body
        scan_id = json.loads(body)["scanId"]
        while True:
            status, _, body = call(opener, "GET", f"{server}/api/instagram/scan/{scan_id}?draftsLimit=0")
            scan = json.loads(body)
            if scan["status"] in ("completed", "failed"):
                break
            time.sleep(0.02)
        elapsed = time.monotonic() - t0
        if scan["status"] != "completed" or scan["progress"]["processed"] != 1000:
            print("scan: FAIL", json.dumps(scan)[:500])
            return 1
        _, _, body = call(opener, "GET", sandbox + "/_sandbox/calls")
        listing = json.loads(body)["by_account"][BENCH_IG]["by_endpoint"].get(LISTING, 0)
        times.append(elapsed)
        calls.append(listing)
        p = scan["progress"]
        print(f"scan: run {run + 1}: {p['processed']} posts -> {p['draftsCreated']} drafts "
              f"({p['skipped']} skipped, {p['failed']} failed) in {elapsed:.2f} s, "
              f"{listing} media-listing calls, apiCallsUsed {scan['apiCallsUsed']}"
              + (" (first scan: drafts created)" if run == 0 else " (rescan: drafts updated)"))
    print(f"scan: best {min(times):.2f} s, worst {max(times):.2f} s for 1,000 posts "
          f"(target < 10 s); media-listing calls per scan: {max(calls)} (target <= 11)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
